import { z } from 'zod';
import { defineEvent, EventContract, Upcasters } from '../envelope/catalogue';
import { EventEnvelope } from '../envelope/envelope';
import { workingCalendarSchema } from './business-calendar';

export * from './business-calendar';
export * from './sla-clock';

/**
 * Events of case management (个案管理): the cases (个案) the New Citizen Family Council's four working groups
 * handle, rights protection (维权), services (服务), mutual aid (互助) and safety (维安); mediation (调解) of
 * disputes between new and old residents with its agreement (调解协议) and court confirmation (司法确认);
 * referrals (转介) to government departments; and the SLA (服务时限) each service center sets for its stations.
 *
 * Free text that may name people (descriptions, notes, records of what was said, duties) travels only as
 * ciphertext under the key of the case itself, subject `caseTextSubject(caseId)`, not of one resident: a case
 * may concern several residents and other parties, and its text must become unreadable when any of its
 * residents is erased, which case management does by erasing that one key (ADR 0004's crypto-shredding).
 *
 * Every case event carries `at`, the instant it happened (the command's `now`), so the SLA clock is a pure
 * function of the case's events and the time (see `sla-clock.ts`).
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const isoInstant = z.string().datetime({ offset: true });
/** Ciphertext of a JSON string under the case's own key, `caseTextSubject(caseId)`. */
const ciphertext = z.string().min(1);

export const CASE_GROUPS = ['rights-protection', 'services', 'mutual-aid', 'safety'] as const;
export type CaseGroup = (typeof CASE_GROUPS)[number];

export const CASE_CATEGORIES = [
  'wage-arrears',
  'labour-dispute',
  'social-insurance',
  'school-enrolment',
  'job-seeking',
  'housing',
  'residence-permit',
  'emergency-hardship',
  'neighbour-dispute',
  'public-safety',
  'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** Which working group handles which category; `other` fits every group. */
export const CATEGORY_GROUPS: Readonly<Record<CaseCategory, readonly CaseGroup[]>> = {
  'wage-arrears': ['rights-protection'],
  'labour-dispute': ['rights-protection'],
  'social-insurance': ['rights-protection', 'services'],
  'school-enrolment': ['services'],
  'job-seeking': ['services'],
  housing: ['services', 'mutual-aid'],
  'residence-permit': ['services'],
  'emergency-hardship': ['mutual-aid'],
  'neighbour-dispute': ['safety'],
  'public-safety': ['safety'],
  other: CASE_GROUPS,
};

/** Disputes are settled by mediation; only their cases have parties beyond residents, sessions and agreements. */
export const DISPUTE_CATEGORIES: readonly CaseCategory[] = ['neighbour-dispute', 'labour-dispute'];
/** Matters tied to a place: a party moving to another station does not take them along. */
export const PLACE_BOUND_CATEGORIES: readonly CaseCategory[] = ['neighbour-dispute', 'public-safety'];

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];
export const CASE_CHANNELS = ['walk-in', 'phone', 'hotline', 'online', 'outreach', 'council-member', 'department'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** Government departments a case may be referred to, and that a resident may consent to share with. */
export const DEPARTMENTS = [
  'human-resources-social-security',
  'labour-inspection',
  'education',
  'housing-construction',
  'public-security',
  'civil-affairs',
  'health',
  'legal-aid',
  'court',
  'trade-union',
  'womens-federation',
  'sub-district-office',
] as const;
export type Department = (typeof DEPARTMENTS)[number];
/** What a referral may share with the department. */
export const SHARED_DATA = ['contact', 'identity', 'case-description', 'case-notes', 'documents'] as const;
export type SharedData = (typeof SHARED_DATA)[number];

export const ASSIGNEE_KINDS = ['worker', 'council-member'] as const;
export const ESCALATION_LEVELS = ['station-lead', 'service-center'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const RESOLUTION_OUTCOMES = ['resolved', 'partially-resolved', 'referred-elsewhere', 'not-resolvable', 'withdrawn-by-resident'] as const;
export const INFORMATION_REQUEST_OUTCOMES = ['received', 'no-answer', 'withdrawn'] as const;
export const REFERRAL_OUTCOMES = ['answered', 'declined', 'withdrawn'] as const;
export const DUTY_CHECK_RESULTS = ['fulfilled', 'pending', 'failed'] as const;
export const SESSION_CANCELLATION_REASONS = ['party-absent', 'rescheduled', 'withdrawn', 'other'] as const;
export const HAND_OVER_CAUSES = ['resident-transferred', 'station-decision'] as const;

/** How long after a mediation agreement the parties may ask a court to confirm it (司法确认申请期). */
export const COURT_CONFIRMATION_WINDOW_DAYS = 30;
/** How many days before that window closes the station is reminded, unless a request was recorded. */
export const COURT_CONFIRMATION_REMINDER_DAYS = 7;

/** The key subject under which a case's free text is encrypted. */
export function caseTextSubject(caseId: string): string {
  return `case:${caseId}`;
}

/** The SLA a case was opened (or received) under: a snapshot of its center's policy for its category. */
export const slaTermsSchema = z.object({
  /** The version of the center's policy (0: the default policy, the center never set one). */
  policyVersion: z.number().int().nonnegative(),
  responseMinutes: z.number().int().positive(),
  resolutionMinutes: z.number().int().positive(),
  /** The share of a target after which a warning is due, e.g. 0.8. */
  warningRatio: z.number().gt(0).lt(1),
  /** Days after a resolution during which the case may be reopened. */
  reopenWindowDays: z.number().int().nonnegative(),
  calendar: workingCalendarSchema,
});
export type SlaTerms = z.infer<typeof slaTermsSchema>;

const caseEvent = <S extends z.ZodRawShape>(shape: S) => z.object({ caseId: z.string().min(1), ...shape, at: isoInstant });
const otherParty = z.object({ partyId: z.string().min(1), description: ciphertext });

export const CaseOpened = defineEvent(
  'cases.case-opened',
  1,
  caseEvent({
    stationId: z.string(),
    residentIds: z.array(z.string().min(1)).min(1),
    group: z.enum(CASE_GROUPS),
    category: z.enum(CASE_CATEGORIES),
    priority: z.enum(CASE_PRIORITIES),
    channel: z.enum(CASE_CHANNELS),
    /** The departments the residents agreed their data may be shared with (empty: none). */
    consentScope: z.array(z.enum(DEPARTMENTS)),
    description: ciphertext,
    terms: slaTermsSchema,
  }),
);

/** A case handed over from another station opens its stream at the receiving station. */
export const CaseReceived = defineEvent(
  'cases.case-received',
  1,
  caseEvent({
    stationId: z.string(),
    fromStationId: z.string(),
    residentIds: z.array(z.string().min(1)).min(1),
    otherParties: z.array(otherParty),
    group: z.enum(CASE_GROUPS),
    category: z.enum(CASE_CATEGORIES),
    priority: z.enum(CASE_PRIORITIES),
    channel: z.enum(CASE_CHANNELS),
    consentScope: z.array(z.enum(DEPARTMENTS)),
    description: ciphertext,
    terms: slaTermsSchema,
  }),
);

export const CaseAssigned = defineEvent(
  'cases.case-assigned',
  1,
  caseEvent({
    assignee: z.object({ userId: z.string().min(1), kind: z.enum(ASSIGNEE_KINDS) }),
    previousAssigneeId: z.string().nullable(),
  }),
);

export const CasePriorityChanged = defineEvent(
  'cases.case-priority-changed',
  1,
  caseEvent({ priority: z.enum(CASE_PRIORITIES), previousPriority: z.enum(CASE_PRIORITIES) }),
);

export const CaseConsentUpdated = defineEvent('cases.case-consent-updated', 1, caseEvent({ consentScope: z.array(z.enum(DEPARTMENTS)) }));

export const CaseNoteAdded = defineEvent('cases.case-note-added', 1, caseEvent({ noteId: z.string().min(1), text: ciphertext }));

/** Starts an `awaiting-resident` pause of the SLA clock until the request is closed. */
export const InformationRequested = defineEvent(
  'cases.information-requested',
  1,
  caseEvent({ requestId: z.string().min(1), what: ciphertext, dueOn: isoDate.optional() }),
);
export const InformationRequestClosed = defineEvent(
  'cases.information-request-closed',
  1,
  caseEvent({ requestId: z.string().min(1), outcome: z.enum(INFORMATION_REQUEST_OUTCOMES), summary: ciphertext.optional() }),
);

/** Starts an `awaiting-department` pause of the SLA clock until the referral is closed. */
export const CaseReferred = defineEvent(
  'cases.case-referred',
  1,
  caseEvent({
    referralId: z.string().min(1),
    department: z.enum(DEPARTMENTS),
    shared: z.array(z.enum(SHARED_DATA)).min(1),
    /** The last day the department may use what was shared. */
    shareUntil: isoDate,
    reason: ciphertext,
  }),
);
export const ReferralClosed = defineEvent(
  'cases.referral-closed',
  1,
  caseEvent({ referralId: z.string().min(1), outcome: z.enum(REFERRAL_OUTCOMES), reply: ciphertext.optional() }),
);

export const CaseEscalated = defineEvent('cases.case-escalated', 1, caseEvent({ level: z.enum(ESCALATION_LEVELS), reason: ciphertext }));

export const CaseResolved = defineEvent(
  'cases.case-resolved',
  1,
  caseEvent({ outcome: z.enum(RESOLUTION_OUTCOMES), summary: ciphertext.optional() }),
);

export const FeedbackRecorded = defineEvent(
  'cases.feedback-recorded',
  1,
  caseEvent({
    feedback: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('rated'), satisfaction: z.number().int().min(1).max(5) }),
      z.object({ kind: z.literal('refused') }),
    ]),
    comment: ciphertext.optional(),
  }),
);

export const CaseClosed = defineEvent('cases.case-closed', 1, caseEvent({}));
export const CaseReopened = defineEvent('cases.case-reopened', 1, caseEvent({ reason: ciphertext }));

/** Another party to a dispute: a resident registered at the station, or someone else (e.g. an old resident). */
export const PartyAdded = defineEvent(
  'cases.party-added',
  1,
  caseEvent({
    party: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('resident'), partyId: z.string().min(1), residentId: z.string().min(1) }),
      z.object({ kind: z.literal('other'), partyId: z.string().min(1), description: ciphertext }),
    ]),
  }),
);

export const MediationSessionScheduled = defineEvent(
  'cases.mediation-session-scheduled',
  1,
  caseEvent({
    sessionId: z.string().min(1),
    scheduledFor: isoInstant,
    place: z.string().min(1),
    partyIds: z.array(z.string().min(1)).min(2),
  }),
);
export const MediationSessionHeld = defineEvent(
  'cases.mediation-session-held',
  1,
  caseEvent({ sessionId: z.string().min(1), attendeePartyIds: z.array(z.string().min(1)).min(1), record: ciphertext }),
);
export const MediationSessionCancelled = defineEvent(
  'cases.mediation-session-cancelled',
  1,
  caseEvent({ sessionId: z.string().min(1), reason: z.enum(SESSION_CANCELLATION_REASONS) }),
);

export const MediationAgreementReached = defineEvent(
  'cases.mediation-agreement-reached',
  1,
  caseEvent({
    agreementId: z.string().min(1),
    sessionId: z.string().min(1),
    reachedOn: isoDate,
    /** Structured duties: who (a party), what, by when. */
    duties: z.array(z.object({ dutyId: z.string().min(1), partyId: z.string().min(1), what: ciphertext, dueOn: isoDate })).min(1),
    /** The last day a request for court confirmation may be made. */
    courtConfirmationDeadline: isoDate,
  }),
);
export const DutyChecked = defineEvent(
  'cases.duty-checked',
  1,
  caseEvent({ dutyId: z.string().min(1), checkedOn: isoDate, result: z.enum(DUTY_CHECK_RESULTS), note: ciphertext.optional() }),
);
export const CourtConfirmationRequested = defineEvent(
  'cases.court-confirmation-requested',
  1,
  caseEvent({ agreementId: z.string().min(1), requestedOn: isoDate }),
);
export const CourtConfirmationReminderRaised = defineEvent(
  'cases.court-confirmation-reminder-raised',
  1,
  caseEvent({ agreementId: z.string().min(1), deadline: isoDate }),
);

export const SlaWarningRaised = defineEvent(
  'cases.sla-warning-raised',
  1,
  /** `dueAt` is null when the clock stood paused past the warning: the breach is then not yet in sight. */
  caseEvent({ target: z.enum(['response', 'resolution']), warnedAt: isoInstant, dueAt: isoInstant.nullable() }),
);
export const SlaBreached = defineEvent('cases.sla-breached', 1, caseEvent({ target: z.enum(['response', 'resolution']), dueAt: isoInstant }));

/** Ends the case at this station; the receiving station's stream opens with `cases.case-received`. */
export const CaseHandedOver = defineEvent(
  'cases.case-handed-over',
  1,
  caseEvent({ toStationId: z.string(), cause: z.enum(HAND_OVER_CAUSES), residentId: z.string().optional() }),
);
/** A party moved to another station and the case stayed: the caseworker decides what follows. */
export const CasePartyTransferred = defineEvent(
  'cases.case-party-transferred',
  1,
  caseEvent({ residentId: z.string().min(1), toStationId: z.string() }),
);
/** The resident was erased: the case's free text is unreadable from now on and read models drop it. */
export const CasePersonalDataErased = defineEvent('cases.case-personal-data-erased', 1, caseEvent({ residentId: z.string().min(1) }));

/** On the resident's case file `casefile-<districtId>-<residentId>`: the cases that concern the resident. */
export const ResidentCaseLinked = defineEvent(
  'cases.resident-case-linked',
  1,
  z.object({ residentId: z.string().min(1), caseId: z.string().min(1), stationId: z.string(), at: isoInstant }),
);

/** A service center's one SLA policy for all its stations, on `slapolicy-<centerId>-policy`. */
export const SlaPolicySet = defineEvent(
  'cases.sla-policy-set',
  1,
  z.object({
    centerId: z.string(),
    version: z.number().int().positive(),
    targets: z
      .array(z.object({ category: z.enum(CASE_CATEGORIES), responseMinutes: z.number().int().positive(), resolutionMinutes: z.number().int().positive() }))
      .min(1),
    warningRatio: z.number().gt(0).lt(1),
    reopenWindowDays: z.number().int().nonnegative(),
    calendar: workingCalendarSchema,
    at: isoInstant,
  }),
);

export const casesEventContracts = [
  CaseOpened,
  CaseReceived,
  CaseAssigned,
  CasePriorityChanged,
  CaseConsentUpdated,
  CaseNoteAdded,
  InformationRequested,
  InformationRequestClosed,
  CaseReferred,
  ReferralClosed,
  CaseEscalated,
  CaseResolved,
  FeedbackRecorded,
  CaseClosed,
  CaseReopened,
  PartyAdded,
  MediationSessionScheduled,
  MediationSessionHeld,
  MediationSessionCancelled,
  MediationAgreementReached,
  DutyChecked,
  CourtConfirmationRequested,
  CourtConfirmationReminderRaised,
  SlaWarningRaised,
  SlaBreached,
  CaseHandedOver,
  CasePartyTransferred,
  CasePersonalDataErased,
  ResidentCaseLinked,
  SlaPolicySet,
] as const;

export const casesUpcasters = new Upcasters([...casesEventContracts], []);

type EventOf<C> = C extends EventContract<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

/** Case management's events as a discriminated union of `{ type, data }`. */
export type CasesEvent = EventOf<(typeof casesEventContracts)[number]>;
export type CasesEventType = CasesEvent['type'];
export type CasesEventEnvelope = EventEnvelope<CasesEventType> & CasesEvent;
/** The events on a case stream. */
export type CaseEvent = Exclude<CasesEvent, { type: 'cases.resident-case-linked' | 'cases.sla-policy-set' }>;
export type CaseOpenedData = z.infer<typeof CaseOpened.schema>;
export type CaseReceivedData = z.infer<typeof CaseReceived.schema>;
export type SlaPolicySetData = z.infer<typeof SlaPolicySet.schema>;
export type ResidentCaseLinkedData = z.infer<typeof ResidentCaseLinked.schema>;

/** Stream ids: one helper per aggregate (DESIGN §2). */
export const casesStreams = {
  case: (stationId: string, caseId: string) => `case-${stationId}-${caseId}`,
  caseFile: (districtId: string, residentId: string) => `casefile-${districtId}-${residentId}`,
  slaPolicy: (centerId: string) => `slapolicy-${centerId}-policy`,
} as const;
export const CASES_CATEGORIES = ['case', 'casefile', 'slapolicy'] as const;
