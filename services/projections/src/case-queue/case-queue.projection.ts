import {
  CaseEvent,
  casesEventContracts,
  casesUpcasters,
  EventEnvelope,
  evolveSlaClock,
  initialSlaClock,
  SLA_TARGETS,
  SlaClock,
  slaDeadlines,
} from '@kinship/contracts';
import { assertNever } from '@kinship/eventsourcing';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { alreadyApplied, markApplied, Projection, ProjectionContext } from '../projection/projection';
import { CasePage, CaseTimelineEntry, PAGES, QUEUE, QueueEntry, QueueSla, TIMELINE } from './case-queue.document';

export const CASE_QUEUE = 'case-queue';

export interface CaseQueueDependencies {
  /** Which chain each station belongs to, recorded on the case for the center manager's queue. */
  org: Pick<OrgDirectoryReader, 'centerOf'>;
}

/** A case event arrived for a case the queue never saw (its first event was dead-lettered). */
export class CaseNotProjectedError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventType: string,
  ) {
    super(`Case stream ${streamId} is not in the queue; cannot apply ${eventType}`);
  }
}

type Opening = Extract<CaseEvent, { type: 'cases.case-opened' | 'cases.case-received' }>;
const CONTRACTS = new Map(casesEventContracts.map((c) => [c.type as string, c]));

/**
 * The case queues (DESIGN §4): one entry per case and station with its SLA deadlines, for the queues per station
 * and group, the overdue list, "my cases" and the center manager's view of the chain; and each case's timeline.
 * Free text is kept as ciphertext and dropped when a resident of the case is erased.
 */
export function caseQueueProjection(deps: CaseQueueDependencies): Projection {
  async function apply(raw: EventEnvelope, ctx: ProjectionContext): Promise<void> {
    const envelope = casesUpcasters.upcast(raw);
    const contract = CONTRACTS.get(envelope.type);
    if (!contract) return;
    const event = { type: envelope.type, data: contract.schema.parse(envelope.data) } as CaseEvent;
    const pages = ctx.collection<CasePage>(PAGES);
    const timeline = ctx.collection<CaseTimelineEntry>(TIMELINE);
    const existing = await pages.get(envelope.streamId);
    if (alreadyApplied(existing, envelope)) return;

    let page: CasePage;
    if (event.type === 'cases.case-opened' || event.type === 'cases.case-received') {
      page = openedPage(envelope.streamId, event, deps.org.centerOf(event.data.stationId)?.id ?? null);
    } else {
      if (!existing) throw new CaseNotProjectedError(envelope.streamId, envelope.type);
      page = evolvePage(existing, event);
    }
    page = { ...page, updatedAt: envelope.occurredAt, position: envelope.position };
    if (event.type === 'cases.case-personal-data-erased') {
      for (const earlier of await timeline.find({ streamId: envelope.streamId })) await timeline.upsert({ ...earlier, texts: {} });
    }
    await timeline.upsert(timelineEntry(envelope, event, page.erased));
    await ctx.collection<QueueEntry>(QUEUE).upsert(queueEntryOf(page));
    // The page records the event as applied, so it is written last: a redelivery after a crash redoes the rest.
    await pages.upsert({ ...page, _sources: markApplied(existing, envelope) });
  }

  const queueOrder = (...scope: string[]) => ({ fields: Object.fromEntries([...scope.map((f) => [f, 1]), ['active', 1], ['sla.sortKey', 1], ['_id', 1]]) });
  const dueOrder = (scope: string) => ({ fields: { [scope]: 1, active: 1, 'sla.nextDueAt': 1, _id: 1 } });
  return {
    name: CASE_QUEUE,
    version: 1,
    categories: ['case'],
    collections: {
      [PAGES]: {},
      [QUEUE]: {
        indexes: [
          queueOrder('stationId'),
          queueOrder('stationId', 'group'),
          queueOrder('stationId', 'assigneeId'),
          queueOrder('centerId'),
          queueOrder('centerId', 'group'),
          dueOrder('stationId'),
          dueOrder('centerId'),
        ],
      },
      [TIMELINE]: { indexes: [{ fields: { streamId: 1, position: 1 } }] },
    },
    apply,
  };
}

/** The page a case's first event at a station makes. Pure, so it can also fill a store directly (bench). */
export function openedPage(streamId: string, event: Opening, centerId: string | null): CasePage {
  const { data } = event;
  const clock = evolveSlaClock(initialSlaClock(), event);
  return {
    _id: streamId,
    caseId: data.caseId,
    stationId: data.stationId,
    centerId,
    group: data.group,
    category: data.category,
    priority: data.priority,
    channel: data.channel,
    consentScope: data.consentScope,
    status: 'open',
    active: true,
    residentIds: data.residentIds,
    assigneeId: null,
    escalation: null,
    openedAt: data.at,
    receivedFrom: event.type === 'cases.case-received' ? event.data.fromStationId : null,
    handedOverTo: null,
    resolvedAt: null,
    outcome: null,
    closedAt: null,
    feedback: null,
    openInformationRequests: [],
    openReferrals: [],
    transferredParties: [],
    mediation: { scheduledSessions: [], sessionsHeld: 0, agreement: null },
    alerts: [],
    erased: false,
    description: data.description,
    clock,
    sla: queueSla(clock, data.at),
    updatedAt: data.at,
    position: 0,
  };
}

/** The page after one more event of its stream. Pure. */
export function evolvePage(page: CasePage, event: CaseEvent): CasePage {
  const next = { ...page, ...changeOf(page, event) };
  const clock = evolveSlaClock(page.clock, event);
  return { ...next, active: next.status === 'open' || next.status === 'in-progress', clock, sla: queueSla(clock, page.openedAt) };
}

/** The case's entry in the queues, from its page. Pure. */
export function queueEntryOf(page: CasePage): QueueEntry {
  return {
    _id: page._id,
    caseId: page.caseId,
    stationId: page.stationId,
    centerId: page.centerId,
    group: page.group,
    category: page.category,
    priority: page.priority,
    status: page.status,
    active: page.active,
    residentIds: page.residentIds,
    assigneeId: page.assigneeId,
    escalation: page.escalation,
    openedAt: page.openedAt,
    receivedFrom: page.receivedFrom,
    sla: page.sla,
    position: page.position,
    awaitingResident: page.openInformationRequests.length > 0,
    awaitingDepartment: page.openReferrals.length > 0,
    partyTransferred: page.transferredParties.length > 0,
    openDutiesDue: (page.mediation.agreement?.duties ?? []).filter((d) => d.status === 'open').map((d) => d.dueOn),
    utcOffsetMinutes: page.clock.terms?.calendar.utcOffsetMinutes ?? 8 * 60,
  };
}

/** The queue's view of the SLA clock: its deadlines, the next of them, and the order of the queue. */
export function queueSla(clock: SlaClock, openedAt: string): QueueSla {
  const deadlines = slaDeadlines(clock);
  const unmet = SLA_TARGETS.map((target) => deadlines[target]).filter((d) => d.metAt === null);
  const earliest = (instants: Array<string | null>) => instants.filter((i): i is string => i !== null).sort()[0] ?? null;
  const nextDueAt = earliest(unmet.map((d) => d.dueAt));
  const nextWarnAt = earliest(unmet.map((d) => d.warnAt));
  const sortKey = nextDueAt !== null ? `0|${nextDueAt}` : `${deadlines.state === 'paused' ? 1 : 2}|${openedAt}`;
  const target = ({ metAt, metOnTime, warnAt, dueAt }: (typeof deadlines)['response']) => ({ metAt, metOnTime, warnAt, dueAt });
  return {
    state: deadlines.state,
    pausedFor: deadlines.pausedFor,
    response: target(deadlines.response),
    resolution: target(deadlines.resolution),
    nextDueAt,
    nextWarnAt,
    sortKey,
  };
}

function changeOf(entry: CasePage, event: CaseEvent): Partial<CasePage> {
  const without = (list: string[], id: string) => list.filter((item) => item !== id);
  const mediation = entry.mediation;
  switch (event.type) {
    case 'cases.case-opened':
    case 'cases.case-received':
    case 'cases.case-note-added':
      return {};
    case 'cases.case-assigned':
      return { assigneeId: event.data.assignee.userId, status: entry.status === 'open' ? 'in-progress' : entry.status };
    case 'cases.case-priority-changed':
      return { priority: event.data.priority };
    case 'cases.case-consent-updated':
      return { consentScope: event.data.consentScope };
    case 'cases.information-requested':
      return { openInformationRequests: [...entry.openInformationRequests, event.data.requestId] };
    case 'cases.information-request-closed':
      return { openInformationRequests: without(entry.openInformationRequests, event.data.requestId) };
    case 'cases.case-referred':
      return { openReferrals: [...entry.openReferrals, event.data.referralId] };
    case 'cases.referral-closed':
      return { openReferrals: without(entry.openReferrals, event.data.referralId) };
    case 'cases.case-escalated':
      return { escalation: event.data.level };
    case 'cases.case-resolved':
      return { status: 'resolved', resolvedAt: event.data.at, outcome: event.data.outcome, feedback: null };
    case 'cases.feedback-recorded':
      return { feedback: event.data.feedback.kind === 'rated' ? { satisfaction: event.data.feedback.satisfaction, refused: false } : { satisfaction: null, refused: true } };
    case 'cases.case-closed':
      return { status: 'closed', closedAt: event.data.at };
    case 'cases.case-reopened':
      return { status: entry.assigneeId === null ? 'open' : 'in-progress', closedAt: null, outcome: null, feedback: null };
    case 'cases.party-added':
      return event.data.party.kind === 'resident' ? { residentIds: [...entry.residentIds, event.data.party.residentId] } : {};
    case 'cases.mediation-session-scheduled':
      return { mediation: { ...mediation, scheduledSessions: [...mediation.scheduledSessions, { sessionId: event.data.sessionId, scheduledFor: event.data.scheduledFor }] } };
    case 'cases.mediation-session-held':
      return {
        mediation: {
          ...mediation,
          scheduledSessions: mediation.scheduledSessions.filter((s) => s.sessionId !== event.data.sessionId),
          sessionsHeld: mediation.sessionsHeld + 1,
        },
      };
    case 'cases.mediation-session-cancelled':
      return { mediation: { ...mediation, scheduledSessions: mediation.scheduledSessions.filter((s) => s.sessionId !== event.data.sessionId) } };
    case 'cases.mediation-agreement-reached':
      return {
        mediation: {
          ...mediation,
          agreement: {
            reachedOn: event.data.reachedOn,
            courtConfirmationDeadline: event.data.courtConfirmationDeadline,
            courtConfirmationRequestedOn: null,
            courtReminderRaised: false,
            duties: event.data.duties.map((d) => ({ dutyId: d.dutyId, partyId: d.partyId, dueOn: d.dueOn, status: 'open' as const })),
          },
        },
      };
    case 'cases.duty-checked': {
      const { agreement } = mediation;
      const { result, dutyId } = event.data;
      if (!agreement || result === 'pending') return {};
      return { mediation: { ...mediation, agreement: { ...agreement, duties: agreement.duties.map((d) => (d.dutyId === dutyId ? { ...d, status: result } : d)) } } };
    }
    case 'cases.court-confirmation-requested':
      return mediation.agreement ? { mediation: { ...mediation, agreement: { ...mediation.agreement, courtConfirmationRequestedOn: event.data.requestedOn } } } : {};
    case 'cases.court-confirmation-reminder-raised':
      return mediation.agreement ? { mediation: { ...mediation, agreement: { ...mediation.agreement, courtReminderRaised: true } } } : {};
    case 'cases.sla-warning-raised':
      return { alerts: [...entry.alerts, `warning:${event.data.target}`] };
    case 'cases.sla-breached':
      return { alerts: [...entry.alerts, `breach:${event.data.target}`] };
    case 'cases.case-handed-over':
      return { status: 'handed-over', handedOverTo: event.data.toStationId };
    case 'cases.case-party-transferred':
      return { transferredParties: [...entry.transferredParties, { residentId: event.data.residentId, toStationId: event.data.toStationId }] };
    case 'cases.case-personal-data-erased':
      return { erased: true, description: null };
    default:
      return assertNever(event);
  }
}

/** The fields of each event that hold free text (ciphertext under the case's key). */
function splitTexts(event: CaseEvent): { details: Record<string, unknown>; texts: Record<string, string> } {
  const { caseId: _caseId, at: _at, ...data } = event.data as Record<string, unknown> & { caseId: string; at: string };
  const texts: Record<string, string> = {};
  const take = (key: string) => {
    const value = data[key];
    if (typeof value === 'string') texts[key] = value;
    delete data[key];
  };
  switch (event.type) {
    case 'cases.case-opened':
    case 'cases.case-received': {
      take('description');
      delete data['terms'];
      const others = (data['otherParties'] as Array<{ partyId: string; description: string }> | undefined) ?? [];
      for (const party of others) texts[`party:${party.partyId}`] = party.description;
      if (others.length > 0) data['otherParties'] = others.map((p) => p.partyId);
      return { details: { ...data, policyVersion: event.data.terms.policyVersion }, texts };
    }
    case 'cases.party-added': {
      const { party } = event.data;
      if (party.kind === 'other') texts['description'] = party.description;
      return { details: { party: party.kind === 'other' ? { kind: 'other', partyId: party.partyId } : party }, texts };
    }
    case 'cases.mediation-agreement-reached':
      for (const duty of event.data.duties) texts[`duty:${duty.dutyId}`] = duty.what;
      return { details: { ...data, duties: event.data.duties.map(({ what: _what, ...duty }) => duty) }, texts };
    case 'cases.mediation-session-cancelled':
      return { details: data, texts };
    default:
      for (const key of ['text', 'what', 'summary', 'reason', 'reply', 'comment', 'record', 'note']) take(key);
      return { details: data, texts };
  }
}

function timelineEntry(envelope: EventEnvelope, event: CaseEvent, erased: boolean): CaseTimelineEntry {
  const { details, texts } = splitTexts(event);
  return {
    _id: envelope.id,
    streamId: envelope.streamId,
    caseId: event.data.caseId,
    stationId: envelope.tenantId,
    streamVersion: envelope.streamVersion,
    position: envelope.position,
    at: event.data.at,
    type: envelope.type,
    actor: envelope.metadata.actor,
    details,
    texts: erased ? {} : texts,
  };
}
