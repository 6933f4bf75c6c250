import { CasePriority, caseTextSubject, CaseGroup, casesStreams, localDate, overallStatus, SlaStatus, slaStatusAt } from '@kinship/contracts';
import { Filter } from '@kinship/documents';
import { FieldCipher } from '@kinship/privacy';
import { canReadChain, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { ProjectionRunner } from '../projection/projection-runner';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { CasePage, CaseQueueStatus, CaseTimelineEntry, PAGES, QUEUE, QueueEntry, QueueTarget, TIMELINE } from './case-queue.document';
import { CASE_QUEUE, queueEntryOf } from './case-queue.projection';

export interface QueueFilters {
  group?: CaseGroup;
  priority?: CasePriority;
}

export interface QueueRequest {
  filters: QueueFilters;
  page: number;
  pageSize: number;
  /** A position a command returned: answer once the queue reflects it. */
  afterPosition?: number;
}

export interface TargetView {
  status: SlaStatus;
  dueAt: string | null;
  warnAt: string | null;
  metAt: string | null;
}

/** One case of a queue, its SLA status computed at the time of the query. */
export interface QueueItem {
  caseId: string;
  stationId: string;
  group: CaseGroup;
  category: QueueEntry['category'];
  priority: CasePriority;
  status: CaseQueueStatus;
  assigneeId: string | null;
  escalation: QueueEntry['escalation'];
  residentIds: string[];
  openedAt: string;
  receivedFrom: string | null;
  sla: {
    status: SlaStatus;
    state: QueueEntry['sla']['state'];
    pausedFor: QueueEntry['sla']['pausedFor'];
    nextDueAt: string | null;
    response: TargetView;
    resolution: TargetView;
  };
  flags: { awaitingResident: boolean; awaitingDepartment: boolean; partyTransferred: boolean; openDuties: number; overdueDuties: number };
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  page: number;
  pageSize: number;
  /** The instant the SLA statuses were computed at. */
  at: string;
  /** The log position the queue had reached (null when no consumer feeds it). */
  position: number | null;
}

export interface CaseDetail extends QueueItem {
  channel: CasePage['channel'];
  consentScope: CasePage['consentScope'];
  /** The description in clear, or null once a resident of the case was erased. */
  description: string | null;
  erased: boolean;
  handedOverTo: string | null;
  resolvedAt: string | null;
  outcome: string | null;
  closedAt: string | null;
  feedback: CasePage['feedback'];
  openInformationRequests: string[];
  openReferrals: string[];
  transferredParties: CasePage['transferredParties'];
  mediation: CasePage['mediation'];
  alerts: string[];
}

export interface TimelineItem {
  eventId: string;
  type: string;
  at: string;
  actor: { userId: string; role: string };
  details: Record<string, unknown>;
  /** The event's free text in clear; a value is null when it can no longer be read. */
  texts: Record<string, string | null>;
}

/**
 * The case queues and case pages of a station, and of a whole chain for its center manager. Station routes are
 * guarded by the station policy before they get here; chain-wide ones are checked here.
 */
export class CaseQueueService {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly cipher: Pick<FieldCipher, 'decrypt'>,
    private readonly org: OrgDirectoryReader,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** The station's open cases, most urgent first: breached, then by the next deadline; paused cases after them. */
  station(stationId: string, request: QueueRequest, now: string): Promise<QueuePage> {
    return this.list({ stationId, ...this.filterOf(request.filters) }, 'sla.sortKey', request, now);
  }

  /** The open cases of every station of the chain (or one of them). */
  center(principal: Principal, centerId: string, stationId: string | undefined, request: QueueRequest, now: string): Promise<QueuePage> {
    this.requireChain(principal, centerId, stationId);
    const scope: Filter = stationId === undefined ? { centerId } : { centerId, stationId };
    return this.list({ ...scope, ...this.filterOf(request.filters) }, 'sla.sortKey', request, now);
  }

  /** The station's open cases past a deadline, the longest overdue first. */
  overdue(stationId: string, request: QueueRequest, now: string): Promise<QueuePage> {
    return this.list({ stationId, 'sla.nextDueAt': { $lte: now }, ...this.filterOf(request.filters) }, 'sla.nextDueAt', request, now);
  }

  centerOverdue(principal: Principal, centerId: string, request: QueueRequest, now: string): Promise<QueuePage> {
    this.requireChain(principal, centerId, undefined);
    return this.list({ centerId, 'sla.nextDueAt': { $lte: now }, ...this.filterOf(request.filters) }, 'sla.nextDueAt', request, now);
  }

  /** The caller's cases at the station: those being worked on, then the resolved ones still to be closed. */
  mine(principal: Principal, stationId: string, request: QueueRequest, now: string): Promise<QueuePage> {
    const filter = { stationId, assigneeId: principal.userId, status: { $in: ['open', 'in-progress', 'resolved'] }, ...this.filterOf(request.filters) };
    return this.list(filter, 'sla.sortKey', request, now, false);
  }

  async detail(stationId: string, caseId: string, now: string, afterPosition?: number): Promise<CaseDetail> {
    await this.caughtUp(afterPosition);
    const entry = await this.page(stationId, caseId);
    return {
      ...itemOf(queueEntryOf(entry), now),
      channel: entry.channel,
      consentScope: entry.consentScope,
      description: entry.description === null ? null : await this.cipher.decrypt<string>(caseTextSubject(caseId), entry.description),
      erased: entry.erased,
      handedOverTo: entry.handedOverTo,
      resolvedAt: entry.resolvedAt,
      outcome: entry.outcome,
      closedAt: entry.closedAt,
      feedback: entry.feedback,
      openInformationRequests: entry.openInformationRequests,
      openReferrals: entry.openReferrals,
      transferredParties: entry.transferredParties,
      mediation: entry.mediation,
      alerts: entry.alerts,
    };
  }

  /** Everything that happened to the case at this station, in order, its free text decrypted where it still can be. */
  async timeline(stationId: string, caseId: string, afterPosition?: number): Promise<TimelineItem[]> {
    await this.caughtUp(afterPosition);
    await this.page(stationId, caseId);
    const timeline = this.runner.collection<CaseTimelineEntry>(CASE_QUEUE, TIMELINE);
    const entries = await timeline.find({ streamId: casesStreams.case(stationId, caseId) }, { sort: { position: 1 } });
    const subject = caseTextSubject(caseId);
    return Promise.all(
      entries.map(async (entry) => ({
        eventId: entry._id,
        type: entry.type,
        at: entry.at,
        actor: entry.actor,
        details: entry.details,
        texts: Object.fromEntries(await Promise.all(Object.entries(entry.texts).map(async ([key, text]) => [key, await this.cipher.decrypt<string>(subject, text)]))),
      })),
    );
  }

  private async list(filter: Filter, order: 'sla.sortKey' | 'sla.nextDueAt', request: QueueRequest, now: string, activeOnly = true): Promise<QueuePage> {
    await this.caughtUp(request.afterPosition);
    const cases = this.runner.collection<QueueEntry>(CASE_QUEUE, QUEUE);
    const scoped = activeOnly ? { ...filter, active: true } : filter;
    const [entries, total, position] = await Promise.all([
      cases.find(scoped, { sort: { [order]: 1, _id: 1 }, skip: (request.page - 1) * request.pageSize, limit: request.pageSize }),
      cases.count(scoped),
      this.runner.position(CASE_QUEUE),
    ]);
    return { items: entries.map((entry) => itemOf(entry, now)), total, page: request.page, pageSize: request.pageSize, at: now, position };
  }

  private filterOf(filters: QueueFilters): Filter {
    return {
      ...(filters.group !== undefined ? { group: filters.group } : {}),
      ...(filters.priority !== undefined ? { priority: filters.priority } : {}),
    };
  }

  private async page(stationId: string, caseId: string): Promise<CasePage> {
    const pages = this.runner.collection<CasePage>(CASE_QUEUE, PAGES);
    const entry = await pages.get(casesStreams.case(stationId, caseId));
    if (!entry) throw new NotFoundException(`No case ${caseId} at station ${stationId}`);
    return entry;
  }

  private requireChain(principal: Principal, centerId: string, stationId: string | undefined): void {
    if (!canReadChain(principal, centerId, this.org)) throw new ForbiddenException(`The cases of center ${centerId} are not readable by this user.`);
    if (stationId !== undefined && this.org.centerOf(stationId)?.id !== centerId) {
      throw new ForbiddenException(`Station ${stationId} is not part of center ${centerId}.`);
    }
  }

  private caughtUp(afterPosition: number | undefined): Promise<void> {
    return this.readYourWrites.after(afterPosition, CASE_QUEUE);
  }
}

/** A queue entry as the caller sees it at `now`. */
export function itemOf(entry: QueueEntry, now: string): QueueItem {
  const target = (d: QueueTarget): TargetView => ({ status: slaStatusAt(d, now), dueAt: d.dueAt, warnAt: d.warnAt, metAt: d.metAt });
  const response = target(entry.sla.response);
  const resolution = target(entry.sla.resolution);
  const today = localDate({ utcOffsetMinutes: entry.utcOffsetMinutes }, now);
  return {
    caseId: entry.caseId,
    stationId: entry.stationId,
    group: entry.group,
    category: entry.category,
    priority: entry.priority,
    status: entry.status,
    assigneeId: entry.assigneeId,
    escalation: entry.escalation,
    residentIds: entry.residentIds,
    openedAt: entry.openedAt,
    receivedFrom: entry.receivedFrom,
    sla: {
      status: overallStatus([response.status, resolution.status]),
      state: entry.sla.state,
      pausedFor: entry.sla.pausedFor,
      nextDueAt: entry.sla.nextDueAt,
      response,
      resolution,
    },
    flags: {
      awaitingResident: entry.awaitingResident,
      awaitingDepartment: entry.awaitingDepartment,
      partyTransferred: entry.partyTransferred,
      openDuties: entry.openDutiesDue.length,
      overdueDuties: entry.openDutiesDue.filter((dueOn) => dueOn < today).length,
    },
  };
}
