import { CASE_CATEGORIES, CASE_CHANNELS, CASE_GROUPS, CASE_PRIORITIES, DEPARTMENTS, ESCALATION_LEVELS, SLA_PAUSE_REASONS } from '@kinship/contracts';
import { arrayOf, boolean, date, dateTime, integer, nullable, object, oneOf, page, record, Schema, string } from '../openapi/response-schema';
import { CASE_STATUSES } from './case-queue.document';

/** What a deadline's status may be at an instant. */
export const SLA_STATUSES = ['on-track', 'warning', 'breached', 'met', 'missed'] as const;
const target = object({ status: oneOf(SLA_STATUSES), dueAt: nullable(dateTime()), warnAt: nullable(dateTime()), metAt: nullable(dateTime()) });

const QUEUE_ITEM_FIELDS: Record<string, Schema> = {
  caseId: string(),
  stationId: string(),
  group: oneOf(CASE_GROUPS),
  category: oneOf(CASE_CATEGORIES),
  priority: oneOf(CASE_PRIORITIES),
  status: oneOf(CASE_STATUSES),
  assigneeId: nullable(string()),
  escalation: nullable(oneOf(ESCALATION_LEVELS)),
  residentIds: arrayOf(string()),
  openedAt: dateTime(),
  receivedFrom: nullable(string('The station the case was handed over from')),
  sla: object({
    status: oneOf(SLA_STATUSES),
    state: oneOf(['running', 'paused', 'stopped']),
    pausedFor: arrayOf(oneOf(SLA_PAUSE_REASONS)),
    nextDueAt: nullable(dateTime()),
    response: target,
    resolution: target,
  }),
  flags: object({
    awaitingResident: boolean(),
    awaitingDepartment: boolean(),
    partyTransferred: boolean(),
    openDuties: integer(),
    overdueDuties: integer(),
  }),
};

/** A page of a case queue, its SLA statuses told at `at` (GET …/case-queue, …/overdue, …/my-cases). */
export const QUEUE_PAGE_SCHEMA: Schema = page(object(QUEUE_ITEM_FIELDS), { at: dateTime('The instant the SLA statuses were told at') });

/** One case as its page shows it (GET /stations/{stationId}/cases/{caseId}). */
export const CASE_DETAIL_SCHEMA: Schema = object({
  ...QUEUE_ITEM_FIELDS,
  channel: oneOf(CASE_CHANNELS),
  consentScope: arrayOf(oneOf(DEPARTMENTS), 'The departments the residents consented to share with'),
  description: nullable(string('In clear; null once a resident of the case was erased')),
  erased: boolean(),
  handedOverTo: nullable(string()),
  resolvedAt: nullable(dateTime()),
  outcome: nullable(string()),
  closedAt: nullable(dateTime()),
  feedback: nullable(object({ satisfaction: nullable(integer()), refused: boolean() })),
  openInformationRequests: arrayOf(string()),
  openReferrals: arrayOf(string()),
  transferredParties: arrayOf(object({ residentId: string(), toStationId: string() })),
  mediation: object({
    scheduledSessions: arrayOf(object({ sessionId: string(), scheduledFor: dateTime() })),
    sessionsHeld: integer(),
    agreement: nullable(
      object({
        reachedOn: date(),
        courtConfirmationDeadline: date(),
        courtConfirmationRequestedOn: nullable(date()),
        courtReminderRaised: boolean(),
        duties: arrayOf(object({ dutyId: string(), partyId: string(), dueOn: date(), status: oneOf(['open', 'fulfilled', 'failed']) })),
      }),
    ),
  }),
  alerts: arrayOf(string('`<level>:<target>`'), 'Recorded SLA alerts'),
});

/** What happened to a case at this station, in order (GET …/cases/{caseId}/timeline). */
export const TIMELINE_SCHEMA: Schema = arrayOf(
  object({
    eventId: string(),
    type: string('The event type'),
    at: dateTime(),
    actor: object({ userId: string(), role: string() }),
    details: record({}, "The event's data other than free text"),
    texts: record(nullable(string()), 'Free text in clear; null once erased'),
  }),
);
