import {
  addCalendarDays,
  CASE_CATEGORIES,
  CaseEvent,
  CaseCategory,
  CaseOpenedData,
  CaseReceivedData,
  CATEGORY_GROUPS,
  COURT_CONFIRMATION_REMINDER_DAYS,
  COURT_CONFIRMATION_WINDOW_DAYS,
  Department,
  DISPUTE_CATEGORIES,
  ESCALATION_LEVELS,
  EscalationLevel,
  evolveSlaClock,
  initialSlaClock,
  localDate,
  SlaClock,
  slaDeadlines,
  SlaTarget,
} from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';

/**
 * The case (个案) aggregate, one stream per case and station: `case-<stationId>-<caseId>`. Free text arrives
 * already encrypted under the case's key; this decider never sees it in clear. Every event carries `at`, the
 * command's `now`, from which the SLA clock (kept in the state) counts.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };
type DataOf<T extends CaseEvent['type']> = Omit<Extract<CaseEvent, { type: T }>['data'], 'at'>;

export type OpenCaseData = Omit<CaseOpenedData, 'at'>;
export type ReceiveCaseData = Omit<CaseReceivedData, 'at'>;
export type ReachMediationAgreementData = Omit<DataOf<'cases.mediation-agreement-reached'>, 'courtConfirmationDeadline' | 'reachedOn'> & {
  /** Defaults to the station's today. */
  reachedOn?: string;
};
export type CheckDutyData = Omit<DataOf<'cases.duty-checked'>, 'checkedOn'> & { checkedOn?: string };
export type RecordCourtConfirmationRequestData = { caseId: string; requestedOn?: string };

export type OpenCase = Command<'OpenCase', OpenCaseData>;
export type ReceiveCase = Command<'ReceiveCase', ReceiveCaseData>;
export type AssignCase = Command<'AssignCase', Omit<DataOf<'cases.case-assigned'>, 'previousAssigneeId'>>;
export type ChangePriority = Command<'ChangePriority', Omit<DataOf<'cases.case-priority-changed'>, 'previousPriority'>>;
export type UpdateConsent = Command<'UpdateConsent', DataOf<'cases.case-consent-updated'>>;
export type AddNote = Command<'AddNote', DataOf<'cases.case-note-added'>>;
export type RequestInformation = Command<'RequestInformation', DataOf<'cases.information-requested'>>;
export type CloseInformationRequest = Command<'CloseInformationRequest', DataOf<'cases.information-request-closed'>>;
export type ReferCase = Command<'ReferCase', DataOf<'cases.case-referred'>>;
export type CloseReferral = Command<'CloseReferral', DataOf<'cases.referral-closed'>>;
export type EscalateCase = Command<'EscalateCase', DataOf<'cases.case-escalated'>>;
export type ResolveCase = Command<'ResolveCase', DataOf<'cases.case-resolved'>>;
export type RecordFeedback = Command<'RecordFeedback', DataOf<'cases.feedback-recorded'>>;
export type CloseCase = Command<'CloseCase', DataOf<'cases.case-closed'>>;
export type ReopenCase = Command<'ReopenCase', DataOf<'cases.case-reopened'>>;
export type AddParty = Command<'AddParty', DataOf<'cases.party-added'>>;
export type ScheduleMediationSession = Command<'ScheduleMediationSession', DataOf<'cases.mediation-session-scheduled'>>;
export type RecordMediationSession = Command<'RecordMediationSession', DataOf<'cases.mediation-session-held'>>;
export type CancelMediationSession = Command<'CancelMediationSession', DataOf<'cases.mediation-session-cancelled'>>;
export type ReachMediationAgreement = Command<'ReachMediationAgreement', ReachMediationAgreementData>;
export type CheckDuty = Command<'CheckDuty', CheckDutyData>;
export type RecordCourtConfirmationRequest = Command<'RecordCourtConfirmationRequest', RecordCourtConfirmationRequestData>;
export type RaiseCourtConfirmationReminder = Command<'RaiseCourtConfirmationReminder', { caseId: string }>;
export type RaiseSlaAlert = Command<'RaiseSlaAlert', { caseId: string; target: SlaTarget; level: SlaAlertLevel }>;
export type HandOverCase = Command<'HandOverCase', DataOf<'cases.case-handed-over'>>;
export type FlagPartyTransferred = Command<'FlagPartyTransferred', DataOf<'cases.case-party-transferred'>>;
export type EraseCasePersonalData = Command<'EraseCasePersonalData', DataOf<'cases.case-personal-data-erased'>>;

export type CaseCommand =
  | OpenCase
  | ReceiveCase
  | AssignCase
  | ChangePriority
  | UpdateConsent
  | AddNote
  | RequestInformation
  | CloseInformationRequest
  | ReferCase
  | CloseReferral
  | EscalateCase
  | ResolveCase
  | RecordFeedback
  | CloseCase
  | ReopenCase
  | AddParty
  | ScheduleMediationSession
  | RecordMediationSession
  | CancelMediationSession
  | ReachMediationAgreement
  | CheckDuty
  | RecordCourtConfirmationRequest
  | RaiseCourtConfirmationReminder
  | RaiseSlaAlert
  | HandOverCase
  | FlagPartyTransferred
  | EraseCasePersonalData;

export type SlaAlertLevel = 'warning' | 'breach';
export type CaseStatus = 'open' | 'in-progress' | 'resolved' | 'closed' | 'handed-over';

export interface Duty {
  partyId: string;
  dueOn: string;
  status: 'open' | 'fulfilled' | 'failed';
}

export interface Agreement {
  agreementId: string;
  reachedOn: string;
  courtConfirmationDeadline: string;
  duties: Record<string, Duty>;
  courtConfirmationRequestedOn: string | null;
  reminderRaised: boolean;
}

export interface CaseRecord {
  status: CaseStatus;
  caseId: string;
  stationId: string;
  category: CaseCategory;
  priority: CaseOpenedData['priority'];
  consentScope: Department[];
  /** The residents the case concerns: those it was opened for and residents added as parties. */
  residentIds: string[];
  /** Every party: the residents (party id = resident id) and the other parties of a dispute. */
  partyIds: string[];
  assigneeId: string | null;
  escalation: EscalationLevel | null;
  informationRequests: Record<string, 'open' | 'closed'>;
  referrals: Record<string, 'open' | 'closed'>;
  resolvedAt: string | null;
  feedbackRecorded: boolean;
  handedOverTo: string | null;
  /** Residents erased since: the case's key is gone, so no new free text can be written. */
  erasedResidentIds: string[];
  transferredParties: Array<{ residentId: string; toStationId: string }>;
  sessions: Record<string, 'scheduled' | 'held' | 'cancelled'>;
  agreement: Agreement | null;
  /** SLA alerts already recorded, as `<level>:<target>`. */
  slaAlerts: string[];
  clock: SlaClock;
}

export type CaseState = { status: 'none' } | CaseRecord;

/** How far ahead a referral may let a department keep what was shared. */
export const MAX_SHARE_DAYS = 366;

export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

export function isDispute(category: CaseCategory): boolean {
  return DISPUTE_CATEGORIES.includes(category);
}

/** The duties of the agreement still waiting for a check that settles them. */
export function openDutyIds(record: CaseRecord): string[] {
  return Object.entries(record.agreement?.duties ?? {})
    .filter(([, duty]) => duty.status === 'open')
    .map(([dutyId]) => dutyId);
}

/** The station's today for this case, in its calendar's time zone. */
export function caseToday(record: CaseRecord, now: string): string {
  return localDate(record.clock.terms?.calendar ?? { utcOffsetMinutes: 8 * 60 }, now);
}

/** The first day the court-confirmation reminder is due, or null when no reminder is owed. */
export function courtReminderDueOn(record: CaseRecord): string | null {
  const agreement = record.agreement;
  if (!agreement || agreement.reminderRaised || agreement.courtConfirmationRequestedOn !== null) return null;
  if (record.status === 'closed' || record.status === 'handed-over') return null;
  return addCalendarDays(agreement.courtConfirmationDeadline, -COURT_CONFIRMATION_REMINDER_DAYS);
}

function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
  const at = command.metadata.now;
  switch (command.type) {
    case 'OpenCase': {
      if (state.status !== 'none') throw new DomainError('case-already-exists', `Case ${command.data.caseId} already exists`, 409);
      checkCategory(command.data.category, command.data.group);
      checkDistinct(command.data.residentIds, 'duplicate-resident', 'A resident is named twice');
      return [{ type: 'cases.case-opened', data: { ...command.data, at } }];
    }
    case 'ReceiveCase': {
      // A retried hand-over finds the case already received: nothing more to do.
      if (state.status !== 'none') return [];
      if (command.data.fromStationId === command.data.stationId) {
        throw new DomainError('hand-over-to-same-station', 'A case is handed over to another station', 422);
      }
      return [{ type: 'cases.case-received', data: { ...command.data, at } }];
    }
    case 'AssignCase': {
      const record = active(state);
      if (record.assigneeId === command.data.assignee.userId) {
        throw new DomainError('already-assigned', `The case is already assigned to ${record.assigneeId}`, 409);
      }
      return [{ type: 'cases.case-assigned', data: { ...command.data, previousAssigneeId: record.assigneeId, at } }];
    }
    case 'ChangePriority': {
      const record = active(state);
      if (record.priority === command.data.priority) throw new DomainError('priority-unchanged', `The priority is already ${record.priority}`, 409);
      return [{ type: 'cases.case-priority-changed', data: { ...command.data, previousPriority: record.priority, at } }];
    }
    case 'UpdateConsent': {
      const record = notClosed(state);
      checkDistinct(command.data.consentScope, 'duplicate-department', 'A department is named twice');
      if (sameSet(record.consentScope, command.data.consentScope)) throw new DomainError('consent-unchanged', 'The consent scope is already this', 409);
      return [{ type: 'cases.case-consent-updated', data: { ...command.data, at } }];
    }
    case 'AddNote': {
      writable(notClosed(state));
      return [{ type: 'cases.case-note-added', data: { ...command.data, at } }];
    }
    case 'RequestInformation': {
      const record = writable(active(state));
      if (command.data.dueOn !== undefined && command.data.dueOn < caseToday(record, at)) {
        throw new DomainError('due-date-in-past', 'The information cannot be due before today', 422, { field: 'dueOn' });
      }
      return [{ type: 'cases.information-requested', data: { ...command.data, at } }];
    }
    case 'CloseInformationRequest': {
      const record = active(state);
      if (command.data.summary !== undefined) writable(record);
      const request = record.informationRequests[command.data.requestId];
      if (request === undefined) throw new DomainError('information-request-not-found', `No information request ${command.data.requestId}`, 404);
      if (request === 'closed') throw new DomainError('information-request-already-closed', 'This information request is already closed', 409);
      return [{ type: 'cases.information-request-closed', data: { ...command.data, at } }];
    }
    case 'ReferCase': {
      const record = writable(active(state));
      const { department, shareUntil } = command.data;
      if (!record.consentScope.includes(department)) {
        throw new DomainError('referral-outside-consent', `The residents did not consent to sharing with ${department}`, 422, {
          department,
          consentScope: record.consentScope,
        });
      }
      checkDistinct(command.data.shared, 'duplicate-shared-data', 'What is shared is named twice');
      const today = caseToday(record, at);
      if (shareUntil < today) throw new DomainError('share-until-in-past', 'Sharing cannot end before today', 422, { field: 'shareUntil' });
      if (shareUntil > addCalendarDays(today, MAX_SHARE_DAYS)) {
        throw new DomainError('share-period-too-long', `Sharing may last ${MAX_SHARE_DAYS} days at most`, 422, { field: 'shareUntil' });
      }
      return [{ type: 'cases.case-referred', data: { ...command.data, at } }];
    }
    case 'CloseReferral': {
      const record = active(state);
      if (command.data.reply !== undefined) writable(record);
      const referral = record.referrals[command.data.referralId];
      if (referral === undefined) throw new DomainError('referral-not-found', `No referral ${command.data.referralId}`, 404);
      if (referral === 'closed') throw new DomainError('referral-already-closed', 'This referral is already closed', 409);
      return [{ type: 'cases.referral-closed', data: { ...command.data, at } }];
    }
    case 'EscalateCase': {
      const record = writable(active(state));
      const rank = (level: EscalationLevel | null) => (level === null ? -1 : ESCALATION_LEVELS.indexOf(level));
      if (rank(command.data.level) <= rank(record.escalation)) {
        throw new DomainError('already-escalated', `The case is already escalated to the ${record.escalation}`, 409, { escalation: record.escalation });
      }
      return [{ type: 'cases.case-escalated', data: { ...command.data, at } }];
    }
    case 'ResolveCase': {
      const record = active(state);
      if (command.data.summary !== undefined) writable(record);
      const outstanding = {
        informationRequests: openIds(record.informationRequests),
        referrals: openIds(record.referrals),
        mediationSessions: Object.keys(record.sessions).filter((id) => record.sessions[id] === 'scheduled'),
      };
      if (Object.values(outstanding).some((ids) => ids.length > 0)) {
        throw new DomainError('requests-outstanding', 'Close the open information requests, referrals and sessions first', 409, outstanding);
      }
      return [{ type: 'cases.case-resolved', data: { ...command.data, at } }];
    }
    case 'RecordFeedback': {
      const record = existing(state);
      if (command.data.comment !== undefined) writable(record);
      if (record.status !== 'resolved') throw new DomainError('case-not-resolved', 'Feedback is recorded on a resolved case', 409, { status: record.status });
      if (record.feedbackRecorded) throw new DomainError('feedback-already-recorded', 'Feedback on this resolution is already recorded', 409);
      return [{ type: 'cases.feedback-recorded', data: { ...command.data, at } }];
    }
    case 'CloseCase': {
      const record = existing(state);
      if (record.status !== 'resolved') throw new DomainError('case-not-resolved', 'Only a resolved case can be closed', 409, { status: record.status });
      if (!record.feedbackRecorded) {
        throw new DomainError('feedback-missing', "A case closes only with the resident's feedback or their recorded refusal", 409);
      }
      const open = openDutyIds(record);
      if (open.length > 0) throw new DomainError('duties-open', 'A dispute closes only once every duty of the agreement is settled', 409, { dutyIds: open });
      return [{ type: 'cases.case-closed', data: { ...command.data, at } }];
    }
    case 'ReopenCase': {
      const record = writable(existing(state));
      if (record.status !== 'resolved' && record.status !== 'closed') {
        throw new DomainError('case-not-resolved', 'Only a resolved or closed case can be reopened', 409, { status: record.status });
      }
      const terms = record.clock.terms;
      const lastDay = addCalendarDays(caseToday(record, record.resolvedAt ?? at), terms?.reopenWindowDays ?? 0);
      if (caseToday(record, at) > lastDay) {
        throw new DomainError('reopen-window-passed', `The case could be reopened until ${lastDay}`, 422, { reopenableUntil: lastDay });
      }
      return [{ type: 'cases.case-reopened', data: { ...command.data, at } }];
    }
    case 'AddParty': {
      const record = dispute(active(state));
      const { party } = command.data;
      if (party.kind === 'other') writable(record);
      if (record.partyIds.includes(party.partyId)) throw new DomainError('party-already-added', `${party.partyId} is already a party`, 409);
      if (party.kind === 'resident' && party.partyId !== party.residentId) {
        throw new DomainError('resident-party-id', "A resident's party id is their resident id", 422);
      }
      return [{ type: 'cases.party-added', data: { ...command.data, at } }];
    }
    case 'ScheduleMediationSession': {
      const record = dispute(active(state));
      const { partyIds } = command.data;
      checkDistinct(partyIds, 'duplicate-party', 'A party is named twice');
      checkParties(record, partyIds);
      if (partyIds.length < 2) throw new DomainError('mediation-needs-two-parties', 'A mediation session brings at least two parties together', 422);
      if (record.sessions[command.data.sessionId] !== undefined) throw new DomainError('session-already-exists', 'This session exists', 409);
      return [{ type: 'cases.mediation-session-scheduled', data: { ...command.data, at } }];
    }
    case 'RecordMediationSession': {
      const record = writable(dispute(active(state)));
      scheduledSession(record, command.data.sessionId);
      checkDistinct(command.data.attendeePartyIds, 'duplicate-party', 'A party is named twice');
      checkParties(record, command.data.attendeePartyIds);
      return [{ type: 'cases.mediation-session-held', data: { ...command.data, at } }];
    }
    case 'CancelMediationSession': {
      const record = dispute(active(state));
      scheduledSession(record, command.data.sessionId);
      return [{ type: 'cases.mediation-session-cancelled', data: { ...command.data, at } }];
    }
    case 'ReachMediationAgreement': {
      const record = writable(dispute(active(state)));
      if (record.agreement) throw new DomainError('agreement-already-reached', 'The parties have already reached an agreement', 409);
      if (record.sessions[command.data.sessionId] !== 'held') {
        throw new DomainError('session-not-held', 'An agreement is reached at a mediation session that was held', 409, { sessionId: command.data.sessionId });
      }
      const today = caseToday(record, at);
      const reachedOn = command.data.reachedOn ?? today;
      if (reachedOn > today) throw new DomainError('agreement-in-future', 'An agreement cannot be dated after today', 422, { field: 'reachedOn' });
      checkDistinct(
        command.data.duties.map((d) => d.dutyId),
        'duplicate-duty',
        'A duty is named twice',
      );
      checkParties(
        record,
        command.data.duties.map((d) => d.partyId),
      );
      const early = command.data.duties.find((d) => d.dueOn < reachedOn);
      if (early) throw new DomainError('duty-due-before-agreement', 'A duty cannot fall due before the agreement', 422, { dutyId: early.dutyId });
      return [
        {
          type: 'cases.mediation-agreement-reached',
          data: { ...command.data, reachedOn, courtConfirmationDeadline: addCalendarDays(reachedOn, COURT_CONFIRMATION_WINDOW_DAYS), at },
        },
      ];
    }
    case 'CheckDuty': {
      const record = notClosed(state);
      if (command.data.note !== undefined) writable(record);
      const agreement = record.agreement;
      if (!agreement) throw new DomainError('no-agreement', 'The case has no mediation agreement', 409);
      const duty = agreement.duties[command.data.dutyId];
      if (!duty) throw new DomainError('duty-not-found', `No duty ${command.data.dutyId} in the agreement`, 404);
      if (duty.status !== 'open') throw new DomainError('duty-already-settled', `The duty is already ${duty.status}`, 409);
      const today = caseToday(record, at);
      const checkedOn = command.data.checkedOn ?? today;
      if (checkedOn > today || checkedOn < agreement.reachedOn) {
        throw new DomainError('check-date-out-of-range', 'A check falls between the agreement and today', 422, { field: 'checkedOn' });
      }
      return [{ type: 'cases.duty-checked', data: { ...command.data, checkedOn, at } }];
    }
    case 'RecordCourtConfirmationRequest': {
      const record = notClosed(state);
      const agreement = record.agreement;
      if (!agreement) throw new DomainError('no-agreement', 'The case has no mediation agreement', 409);
      if (agreement.courtConfirmationRequestedOn !== null) {
        throw new DomainError('court-confirmation-already-requested', `Requested on ${agreement.courtConfirmationRequestedOn}`, 409);
      }
      const requestedOn = command.data.requestedOn ?? caseToday(record, at);
      if (requestedOn < agreement.reachedOn || requestedOn > agreement.courtConfirmationDeadline || requestedOn > caseToday(record, at)) {
        throw new DomainError('court-confirmation-window-passed', `A request falls between ${agreement.reachedOn} and ${agreement.courtConfirmationDeadline}`, 422, {
          deadline: agreement.courtConfirmationDeadline,
        });
      }
      return [{ type: 'cases.court-confirmation-requested', data: { caseId: command.data.caseId, agreementId: agreement.agreementId, requestedOn, at } }];
    }
    case 'RaiseCourtConfirmationReminder': {
      const record = existing(state);
      const dueOn = courtReminderDueOn(record);
      const agreement = record.agreement;
      if (dueOn === null || !agreement) return [];
      const today = caseToday(record, at);
      if (today > agreement.courtConfirmationDeadline) return [];
      if (today < dueOn) throw new DomainError('reminder-not-due', `The reminder is due on ${dueOn}`, 409);
      return [
        {
          type: 'cases.court-confirmation-reminder-raised',
          data: { caseId: command.data.caseId, agreementId: agreement.agreementId, deadline: agreement.courtConfirmationDeadline, at },
        },
      ];
    }
    case 'RaiseSlaAlert': {
      const record = existing(state);
      const { target, level } = command.data;
      if (record.slaAlerts.includes(`${level}:${target}`)) return [];
      const deadlines = slaDeadlines(record.clock)[target];
      const threshold = level === 'warning' ? deadlines.warnAt : deadlines.dueAt;
      if (deadlines.metAt !== null || threshold === null || Date.parse(at) < Date.parse(threshold)) {
        throw new DomainError('sla-alert-not-due', `No ${level} of the ${target} target is due now`, 409);
      }
      const { caseId } = command.data;
      return [
        level === 'warning'
          ? { type: 'cases.sla-warning-raised', data: { caseId, target, warnedAt: threshold, dueAt: deadlines.dueAt, at } }
          : { type: 'cases.sla-breached', data: { caseId, target, dueAt: threshold, at } },
      ];
    }
    case 'HandOverCase': {
      const record = existing(state);
      const { toStationId } = command.data;
      if (record.status === 'handed-over' && record.handedOverTo === toStationId) return [];
      active(state);
      if (toStationId === record.stationId) throw new DomainError('hand-over-to-same-station', 'A case is handed over to another station', 422);
      return [{ type: 'cases.case-handed-over', data: { ...command.data, at } }];
    }
    case 'FlagPartyTransferred': {
      const record = notClosed(state);
      const { residentId, toStationId } = command.data;
      if (record.transferredParties.some((p) => p.residentId === residentId && p.toStationId === toStationId)) return [];
      if (!record.residentIds.includes(residentId)) throw new DomainError('not-a-party', `Resident ${residentId} is not a party to the case`, 422);
      return [{ type: 'cases.case-party-transferred', data: { ...command.data, at } }];
    }
    case 'EraseCasePersonalData': {
      const record = existing(state);
      if (record.erasedResidentIds.includes(command.data.residentId)) return [];
      return [{ type: 'cases.case-personal-data-erased', data: { ...command.data, at } }];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'cases.case-opened' || event.type === 'cases.case-received') {
    const data = event.data;
    const others = event.type === 'cases.case-received' ? event.data.otherParties.map((p) => p.partyId) : [];
    return {
      status: 'open',
      caseId: data.caseId,
      stationId: data.stationId,
      category: data.category,
      priority: data.priority,
      consentScope: data.consentScope,
      residentIds: data.residentIds,
      partyIds: [...data.residentIds, ...others],
      assigneeId: null,
      escalation: null,
      informationRequests: {},
      referrals: {},
      resolvedAt: null,
      feedbackRecorded: false,
      handedOverTo: null,
      erasedResidentIds: [],
      transferredParties: [],
      sessions: {},
      agreement: null,
      slaAlerts: [],
      clock: evolveSlaClock(initialSlaClock(), event),
    };
  }
  if (state.status === 'none') return state;
  const record: CaseRecord = { ...state, clock: evolveSlaClock(state.clock, event) };
  switch (event.type) {
    case 'cases.case-assigned':
      return { ...record, status: 'in-progress', assigneeId: event.data.assignee.userId };
    case 'cases.case-priority-changed':
      return { ...record, priority: event.data.priority };
    case 'cases.case-consent-updated':
      return { ...record, consentScope: event.data.consentScope };
    case 'cases.case-note-added':
      return record;
    case 'cases.information-requested':
      return { ...record, informationRequests: { ...record.informationRequests, [event.data.requestId]: 'open' } };
    case 'cases.information-request-closed':
      return { ...record, informationRequests: { ...record.informationRequests, [event.data.requestId]: 'closed' } };
    case 'cases.case-referred':
      return { ...record, referrals: { ...record.referrals, [event.data.referralId]: 'open' } };
    case 'cases.referral-closed':
      return { ...record, referrals: { ...record.referrals, [event.data.referralId]: 'closed' } };
    case 'cases.case-escalated':
      return { ...record, escalation: event.data.level };
    case 'cases.case-resolved':
      return { ...record, status: 'resolved', resolvedAt: event.data.at, feedbackRecorded: false };
    case 'cases.feedback-recorded':
      return { ...record, feedbackRecorded: true };
    case 'cases.case-closed':
      return { ...record, status: 'closed' };
    case 'cases.case-reopened':
      return { ...record, status: record.assigneeId === null ? 'open' : 'in-progress', feedbackRecorded: false };
    case 'cases.party-added': {
      const { party } = event.data;
      return {
        ...record,
        partyIds: [...record.partyIds, party.partyId],
        residentIds: party.kind === 'resident' ? [...record.residentIds, party.residentId] : record.residentIds,
      };
    }
    case 'cases.mediation-session-scheduled':
      return { ...record, sessions: { ...record.sessions, [event.data.sessionId]: 'scheduled' } };
    case 'cases.mediation-session-held':
      return { ...record, sessions: { ...record.sessions, [event.data.sessionId]: 'held' } };
    case 'cases.mediation-session-cancelled':
      return { ...record, sessions: { ...record.sessions, [event.data.sessionId]: 'cancelled' } };
    case 'cases.mediation-agreement-reached':
      return {
        ...record,
        agreement: {
          agreementId: event.data.agreementId,
          reachedOn: event.data.reachedOn,
          courtConfirmationDeadline: event.data.courtConfirmationDeadline,
          duties: Object.fromEntries(event.data.duties.map((d) => [d.dutyId, { partyId: d.partyId, dueOn: d.dueOn, status: 'open' as const }])),
          courtConfirmationRequestedOn: null,
          reminderRaised: false,
        },
      };
    case 'cases.duty-checked': {
      const agreement = record.agreement;
      if (!agreement || event.data.result === 'pending') return record;
      const duty = agreement.duties[event.data.dutyId];
      if (!duty) return record;
      return { ...record, agreement: { ...agreement, duties: { ...agreement.duties, [event.data.dutyId]: { ...duty, status: event.data.result } } } };
    }
    case 'cases.court-confirmation-requested':
      return record.agreement ? { ...record, agreement: { ...record.agreement, courtConfirmationRequestedOn: event.data.requestedOn } } : record;
    case 'cases.court-confirmation-reminder-raised':
      return record.agreement ? { ...record, agreement: { ...record.agreement, reminderRaised: true } } : record;
    case 'cases.sla-warning-raised':
      return { ...record, slaAlerts: [...record.slaAlerts, `warning:${event.data.target}`] };
    case 'cases.sla-breached':
      return { ...record, slaAlerts: [...record.slaAlerts, `breach:${event.data.target}`] };
    case 'cases.case-handed-over':
      return { ...record, status: 'handed-over', handedOverTo: event.data.toStationId };
    case 'cases.case-party-transferred':
      return { ...record, transferredParties: [...record.transferredParties, { residentId: event.data.residentId, toStationId: event.data.toStationId }] };
    case 'cases.case-personal-data-erased':
      return { ...record, erasedResidentIds: [...record.erasedResidentIds, event.data.residentId] };
    default:
      return assertNever(event);
  }
}

function existing(state: CaseState): CaseRecord {
  if (state.status === 'none') throw new DomainError('case-not-found', 'No such case at this station', 404);
  return state;
}

/** Open or in progress: the states in which a case is worked on. */
function active(state: CaseState): CaseRecord {
  const record = existing(state);
  switch (record.status) {
    case 'open':
    case 'in-progress':
      return record;
    case 'resolved':
      throw new DomainError('case-resolved', 'The case is resolved; reopen it to work on it again', 409, { status: record.status });
    case 'closed':
      throw new DomainError('case-closed', 'The case is closed', 409, { status: record.status });
    case 'handed-over':
      throw new DomainError('case-handed-over', `The case was handed over to station ${record.handedOverTo}`, 409, {
        status: record.status,
        toStationId: record.handedOverTo,
      });
    default:
      return assertNever(record.status);
  }
}

/** Any state but closed and handed over: follow-up work on a resolved case goes on. */
function notClosed(state: CaseState): CaseRecord {
  const record = existing(state);
  if (record.status === 'resolved') return record;
  return active(state);
}

/** New free text needs the case's key, which is erased with any of its residents. */
function writable(record: CaseRecord): CaseRecord {
  if (record.erasedResidentIds.length > 0) {
    throw new DomainError('case-personal-data-erased', "A resident of this case was erased; the case's free text can no longer be written", 409);
  }
  return record;
}

function dispute(record: CaseRecord): CaseRecord {
  if (!isDispute(record.category)) {
    throw new DomainError('not-a-dispute', `Mediation is for disputes (${DISPUTE_CATEGORIES.join(', ')}), not ${record.category}`, 422);
  }
  return record;
}

function scheduledSession(record: CaseRecord, sessionId: string): void {
  const session = record.sessions[sessionId];
  if (session === undefined) throw new DomainError('session-not-found', `No mediation session ${sessionId}`, 404);
  if (session !== 'scheduled') throw new DomainError('session-not-scheduled', `The session is already ${session}`, 409, { status: session });
}

function checkParties(record: CaseRecord, partyIds: readonly string[]): void {
  const unknown = partyIds.find((id) => !record.partyIds.includes(id));
  if (unknown !== undefined) throw new DomainError('unknown-party', `${unknown} is not a party to the case`, 422, { partyId: unknown });
}

function checkCategory(category: CaseCategory, group: CaseOpenedData['group']): void {
  if (!CASE_CATEGORIES.includes(category) || !CATEGORY_GROUPS[category].includes(group)) {
    throw new DomainError('category-not-in-group', `The ${group} group does not handle ${category} cases`, 422, {
      category,
      groups: CATEGORY_GROUPS[category],
    });
  }
}

function checkDistinct(values: readonly string[], code: string, message: string): void {
  if (new Set(values).size !== values.length) throw new DomainError(code, message, 422);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

function openIds(items: Record<string, 'open' | 'closed'>): string[] {
  return Object.keys(items).filter((id) => items[id] === 'open');
}
