import { CaseCategory, CaseChannel, CaseGroup, CasePriority, Department, EscalationLevel, SlaClock, SlaDeadlines, SlaTargetDeadlines } from '@kinship/contracts';
import { SourcedDocument } from '../projection/projection';

export const CASE_STATUSES = ['open', 'in-progress', 'resolved', 'closed', 'handed-over'] as const;
export type CaseQueueStatus = (typeof CASE_STATUSES)[number];

/** A target's deadlines as the queue keeps them: enough to tell its status at any instant. */
export type QueueTarget = Pick<SlaTargetDeadlines, 'metAt' | 'metOnTime' | 'warnAt' | 'dueAt'>;

/** The SLA as the queue keeps it: the clock's deadlines, which change only with the case's events. */
export type QueueSla = Pick<SlaDeadlines, 'state' | 'pausedFor'> & {
  response: QueueTarget;
  resolution: QueueTarget;
  /** The earliest deadline of the targets not yet met (null while paused before any breach): the overdue list. */
  nextDueAt: string | null;
  /** The earliest warning instant of the targets not yet met. */
  nextWarnAt: string | null;
  /** Queue order: running cases by their next deadline (breached first), then paused ones, then the rest. */
  sortKey: string;
};

/**
 * One case at one station as its page shows it, `_id` = its stream id (a case handed over lives on at the receiving
 * station under a new stream), with the SLA clock the projection folds. Free text stays encrypted under the case's
 * key; it is gone once a resident of the case is erased.
 */
export type CasePage = SourcedDocument & {
  caseId: string;
  stationId: string;
  centerId: string | null;
  group: CaseGroup;
  category: CaseCategory;
  priority: CasePriority;
  channel: CaseChannel;
  /** The departments the residents consented to share with. */
  consentScope: Department[];
  status: CaseQueueStatus;
  /** Open or in progress: the cases a queue shows. */
  active: boolean;
  residentIds: string[];
  assigneeId: string | null;
  escalation: EscalationLevel | null;
  openedAt: string;
  receivedFrom: string | null;
  handedOverTo: string | null;
  resolvedAt: string | null;
  outcome: string | null;
  closedAt: string | null;
  feedback: { satisfaction: number | null; refused: boolean } | null;
  openInformationRequests: string[];
  openReferrals: string[];
  /** Residents of the case who moved to another station while it stayed here. */
  transferredParties: Array<{ residentId: string; toStationId: string }>;
  mediation: {
    scheduledSessions: Array<{ sessionId: string; scheduledFor: string }>;
    sessionsHeld: number;
    agreement: {
      reachedOn: string;
      courtConfirmationDeadline: string;
      courtConfirmationRequestedOn: string | null;
      courtReminderRaised: boolean;
      duties: Array<{ dutyId: string; partyId: string; dueOn: string; status: 'open' | 'fulfilled' | 'failed' }>;
    } | null;
  };
  /** Recorded SLA alerts, as `<level>:<target>`. */
  alerts: string[];
  erased: boolean;
  /** Ciphertext of the description under the case's key; null once erased. */
  description: string | null;
  clock: SlaClock;
  sla: QueueSla;
  updatedAt: string;
  position: number;
};

/**
 * One case in the queues, derived from its page: only what the queues filter, sort and show, so that a queue of
 * hundreds of cases is read and counted from small documents.
 */
export type QueueEntry = Pick<
  CasePage,
  | '_id'
  | 'caseId'
  | 'stationId'
  | 'centerId'
  | 'group'
  | 'category'
  | 'priority'
  | 'status'
  | 'active'
  | 'residentIds'
  | 'assigneeId'
  | 'escalation'
  | 'openedAt'
  | 'receivedFrom'
  | 'sla'
  | 'position'
> & {
  awaitingResident: boolean;
  awaitingDepartment: boolean;
  partyTransferred: boolean;
  /** Due dates of the agreement's duties still open. */
  openDutiesDue: string[];
  utcOffsetMinutes: number;
};

/** One event of a case's timeline, `_id` = the event id. */
export type CaseTimelineEntry = SourcedDocument & {
  streamId: string;
  caseId: string;
  stationId: string;
  streamVersion: number;
  position: number;
  at: string;
  type: string;
  actor: { userId: string; role: string };
  /** What happened, without its free text. */
  details: Record<string, unknown>;
  /** The event's free text, field → ciphertext under the case's key; empty once erased. */
  texts: Record<string, string>;
};

export const QUEUE = 'queue';
export const PAGES = 'pages';
export const TIMELINE = 'timeline';
