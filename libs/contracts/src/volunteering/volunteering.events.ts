import { z } from 'zod';
import { defineEvent, EventContract, Upcasters } from '../envelope/catalogue';
import { EventEnvelope, streamCategory } from '../envelope/envelope';
import { brokerageStreams } from '../brokerage/brokerage.events';

/**
 * Events of volunteering (志愿服务): the council's volunteer team (志愿者队伍), activities and their shifts (班次),
 * verified service hours (服务时长), pairings (结对帮扶) of volunteers with vulnerable households (elderly living alone
 * 空巢/独居老人, disabled 残疾人, hardship families 困难家庭), the council's welfare aid fund (帮扶基金) and the volunteer
 * service records (志愿服务证明) anyone can check by serial number.
 *
 * Personal data never travels in clear: `personal`, `description`, `needs` and `note` are AES-256-GCM ciphertext.
 * A volunteer's fields are encrypted under the volunteer's subject (`volunteerSubject`: their resident id when they
 * are a registered resident, else their volunteer id); a beneficiary's under the beneficiary's resident id. A
 * registry erasure therefore makes them unreadable at once; the erasure reaction then records it here too.
 *
 * Minutes, never fractional hours; money in whole fen (分). Dates are station dates 'YYYY-MM-DD', times of day
 * 'HH:MM' at the station (UTC+8).
 *
 * Input from the brokerage: `brokerage.surplus-allocated` (see brokerage.events.ts), appended on the streams
 * `brokerageStreams.surplus` (category `surplus`, `SURPLUS_ALLOCATION_CATEGORY`). Volunteering credits every allocation
 * of a station to the welfare fund of the station's service center: there is one fund per center (the council's
 * fund), fed by all its stations.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const isoInstant = z.string().datetime({ offset: true });
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM');
const ciphertext = z.string().min(1);
const minutes = z.number().int().nonnegative();
const positiveFen = z.number().int().positive();

export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export const SUSPENSION_REASONS = ['conduct', 'safeguarding-check', 'health', 'own-request', 'inactivity', 'other'] as const;
export const DEPARTURE_REASONS = ['moved-away', 'no-time', 'own-request', 'dismissed', 'other'] as const;
export const ACTIVITY_KINDS = [
  'community-service',
  'elderly-care',
  'child-care',
  'tutoring',
  'safety-patrol',
  'environment',
  'event-support',
  'other',
] as const;
export const CANCELLATION_REASONS = ['weather', 'too-few-volunteers', 'organiser', 'venue', 'other'] as const;
/** Where service hours come from: a checked-out shift, a visit to a paired household, or the volunteer's word. */
export const HOURS_SOURCES = ['attendance', 'pairing-visit', 'self-reported'] as const;
export const HOURS_REJECTION_REASONS = ['not-credible', 'duplicate', 'not-volunteer-work', 'other'] as const;
export const HOURS_DISPUTE_PARTIES = ['volunteer', 'household', 'staff'] as const;
export const HOURS_DISPUTE_REASONS = ['wrong-duration', 'wrong-date', 'service-not-given', 'other'] as const;
export const BENEFICIARY_CATEGORIES = ['elderly-living-alone', 'disabled', 'hardship'] as const;
export const VISIT_KINDS = ['home-visit', 'phone-call', 'errand', 'accompanied-appointment'] as const;
export const PAIRING_END_REASONS = ['volunteer-left', 'beneficiary-moved', 'beneficiary-deceased', 'no-longer-needed', 'other'] as const;
export const AID_PURPOSES = ['living-allowance', 'medical', 'festival-visit', 'emergency', 'education', 'other'] as const;
export const AID_REVERSAL_REASONS = ['paid-in-error', 'returned-by-household', 'duplicate', 'other'] as const;
export const RECORD_REVOCATION_REASONS = ['issued-in-error', 'hours-corrected', 'other'] as const;
export const ERASURE_CAUSES = ['resident-erased', 'volunteer-request'] as const;

/** The clear-text shape inside a volunteer's `personal` once decrypted. */
export const volunteerPersonalDataSchema = z.object({ name: z.string(), phone: z.string() });
export type VolunteerPersonalData = z.infer<typeof volunteerPersonalDataSchema>;

const availability = z.array(z.object({ weekday: z.number().int().min(1).max(7), part: z.enum(DAY_PARTS) }));
const shift = z.object({
  /** `YYYYMMDD-HHMM` of its start: unique within the activity, and the same however it was scheduled. */
  shiftId: z.string(),
  date: isoDate,
  startTime: timeOfDay,
  endTime: timeOfDay,
  minStaff: z.number().int().nonnegative(),
  maxStaff: z.number().int().positive(),
});
export type ShiftData = z.infer<typeof shift>;
const funding = z.array(z.object({ allocationId: z.string(), amountFen: positiveFen }));

// ---- the volunteer (志愿者), stream `volunteer-<stationId>-<volunteerId>` ----

export const VolunteerEnrolled = defineEvent(
  'volunteering.volunteer-enrolled',
  1,
  z.object({
    volunteerId: z.string(),
    stationId: z.string(),
    /** The registry's resident id when the volunteer is a registered resident (usually). */
    residentId: z.string().optional(),
    /** Ciphertext of `VolunteerPersonalData` under `volunteerSubject(...)`. */
    personal: ciphertext,
    skills: z.array(z.string()),
    languages: z.array(z.string()),
    availability,
    enrolledOn: isoDate,
  }),
);
export const VolunteerProfileUpdated = defineEvent(
  'volunteering.volunteer-profile-updated',
  1,
  z.object({
    volunteerId: z.string(),
    personal: ciphertext.optional(),
    skills: z.array(z.string()).optional(),
    languages: z.array(z.string()).optional(),
    availability: availability.optional(),
  }),
);
export const VolunteerSuspended = defineEvent(
  'volunteering.volunteer-suspended',
  1,
  z.object({ volunteerId: z.string(), suspendedOn: isoDate, reason: z.enum(SUSPENSION_REASONS) }),
);
export const VolunteerReinstated = defineEvent(
  'volunteering.volunteer-reinstated',
  1,
  z.object({ volunteerId: z.string(), reinstatedOn: isoDate }),
);
export const VolunteerLeft = defineEvent(
  'volunteering.volunteer-left',
  1,
  z.object({ volunteerId: z.string(), leftOn: isoDate, reason: z.enum(DEPARTURE_REASONS) }),
);
/** The volunteer's personal fields are gone for good (key erased); hours stay, anonymous, in the totals. */
export const VolunteerPersonalDataErased = defineEvent(
  'volunteering.volunteer-personal-data-erased',
  1,
  z.object({ volunteerId: z.string(), cause: z.enum(ERASURE_CAUSES) }),
);

/** One entry of the volunteer's service log. Attendance entries are verified by the attendance itself. */
export const HoursLogged = defineEvent(
  'volunteering.hours-logged',
  1,
  z.object({
    volunteerId: z.string(),
    entryId: z.string(),
    source: z.enum(HOURS_SOURCES),
    servedOn: isoDate,
    minutes: minutes.positive(),
    activityId: z.string().optional(),
    shiftId: z.string().optional(),
    /** The attended span the minutes were taken from (attendance entries). */
    attendance: z.object({ checkedInAt: isoInstant, checkedOutAt: isoInstant }).optional(),
    pairingId: z.string().optional(),
    /** The household served, which may co-sign the entry. */
    householdId: z.string().optional(),
    /** Free text under the volunteer's subject. */
    description: ciphertext.optional(),
  }),
);
/** A pending entry changed before anyone vouched for it; verified hours are never amended, only corrected. */
export const HoursAmended = defineEvent(
  'volunteering.hours-amended',
  1,
  z.object({ volunteerId: z.string(), entryId: z.string(), servedOn: isoDate, minutes: minutes.positive(), description: ciphertext.optional() }),
);
export const HoursVerified = defineEvent(
  'volunteering.hours-verified',
  1,
  z.object({ volunteerId: z.string(), entryId: z.string(), verifiedBy: z.string() }),
);
/** The household served vouched for the entry; the signatory is a member of it, by resident id only. */
export const HoursCoSigned = defineEvent(
  'volunteering.hours-co-signed',
  1,
  z.object({ volunteerId: z.string(), entryId: z.string(), householdId: z.string(), signatoryResidentId: z.string() }),
);
export const HoursRejected = defineEvent(
  'volunteering.hours-rejected',
  1,
  z.object({ volunteerId: z.string(), entryId: z.string(), reason: z.enum(HOURS_REJECTION_REASONS) }),
);
export const HoursDisputed = defineEvent(
  'volunteering.hours-disputed',
  1,
  z.object({ volunteerId: z.string(), entryId: z.string(), raisedBy: z.enum(HOURS_DISPUTE_PARTIES), reason: z.enum(HOURS_DISPUTE_REASONS) }),
);
/** Settles a dispute with the corrected figures; the original entry stays in the log as it was. */
export const HoursCorrected = defineEvent(
  'volunteering.hours-corrected',
  1,
  z.object({
    volunteerId: z.string(),
    entryId: z.string(),
    servedOn: isoDate,
    minutes,
    previousServedOn: isoDate,
    previousMinutes: minutes,
  }),
);
/** Settles a dispute by confirming the entry as it stands. */
export const HoursDisputeDismissed = defineEvent(
  'volunteering.hours-dispute-dismissed',
  1,
  z.object({ volunteerId: z.string(), entryId: z.string() }),
);

// ---- activities (志愿活动) and shifts, stream `volactivity-<stationId>-<activityId>` ----

export const ActivityScheduled = defineEvent(
  'volunteering.activity-scheduled',
  1,
  z.object({
    activityId: z.string(),
    stationId: z.string(),
    title: z.string(),
    kind: z.enum(ACTIVITY_KINDS),
    location: z.string(),
    requiredSkills: z.array(z.string()),
    shifts: z.array(shift).min(1),
  }),
);
export const ShiftsAdded = defineEvent('volunteering.shifts-added', 1, z.object({ activityId: z.string(), shifts: z.array(shift).min(1) }));
export const ShiftCancelled = defineEvent(
  'volunteering.shift-cancelled',
  1,
  z.object({ activityId: z.string(), shiftId: z.string(), reason: z.enum(CANCELLATION_REASONS) }),
);
/** Cancels the activity and every shift of it that had not started. */
export const ActivityCancelled = defineEvent(
  'volunteering.activity-cancelled',
  1,
  z.object({ activityId: z.string(), reason: z.enum(CANCELLATION_REASONS), cancelledShiftIds: z.array(z.string()) }),
);
export const VolunteerSignedUp = defineEvent(
  'volunteering.volunteer-signed-up',
  1,
  z.object({ activityId: z.string(), shiftId: z.string(), volunteerId: z.string() }),
);
export const SignUpCancelled = defineEvent(
  'volunteering.sign-up-cancelled',
  1,
  z.object({
    activityId: z.string(),
    shiftId: z.string(),
    volunteerId: z.string(),
    /** Less than a day before the shift: the coordinator may need to find someone else. */
    late: z.boolean(),
  }),
);
export const VolunteerCheckedIn = defineEvent(
  'volunteering.volunteer-checked-in',
  1,
  z.object({ activityId: z.string(), shiftId: z.string(), volunteerId: z.string(), checkedInAt: isoInstant }),
);
export const VolunteerCheckedOut = defineEvent(
  'volunteering.volunteer-checked-out',
  1,
  z.object({
    activityId: z.string(),
    shiftId: z.string(),
    volunteerId: z.string(),
    /** The shift's date: the day the hours were served. */
    servedOn: isoDate,
    checkedInAt: isoInstant,
    checkedOutAt: isoInstant,
    minutes,
  }),
);
export const VolunteerNoShow = defineEvent(
  'volunteering.volunteer-no-show',
  1,
  z.object({ activityId: z.string(), shiftId: z.string(), volunteerId: z.string() }),
);

// ---- pairings (结对帮扶), stream `pairing-<stationId>-<pairingId>` ----

export const PairingStarted = defineEvent(
  'volunteering.pairing-started',
  1,
  z.object({
    pairingId: z.string(),
    stationId: z.string(),
    volunteerId: z.string(),
    householdId: z.string(),
    /** The person the household is helped for: the subject of `needs` and of visit notes. */
    beneficiaryResidentId: z.string(),
    category: z.enum(BENEFICIARY_CATEGORIES),
    /** Ciphertext (under the beneficiary) of what the household needs help with. */
    needs: ciphertext.optional(),
    /** Days without a visit after which the pairing is overdue. */
    alertAfterDays: z.number().int().positive(),
    startedOn: isoDate,
  }),
);
export const PairingVisitRecorded = defineEvent(
  'volunteering.pairing-visit-recorded',
  1,
  z.object({
    pairingId: z.string(),
    visitId: z.string(),
    volunteerId: z.string(),
    householdId: z.string(),
    visitedOn: isoDate,
    minutes: minutes.positive(),
    kind: z.enum(VISIT_KINDS),
    /** Ciphertext under the beneficiary. */
    note: ciphertext.optional(),
  }),
);
export const PairingVisitAlertSet = defineEvent(
  'volunteering.pairing-visit-alert-set',
  1,
  z.object({ pairingId: z.string(), alertAfterDays: z.number().int().positive() }),
);
export const PairingEnded = defineEvent(
  'volunteering.pairing-ended',
  1,
  z.object({ pairingId: z.string(), endedOn: isoDate, reason: z.enum(PAIRING_END_REASONS) }),
);
/** The beneficiary was erased in the registry: their needs and the visit notes are unreadable for good. */
export const PairingBeneficiaryErased = defineEvent(
  'volunteering.pairing-beneficiary-erased',
  1,
  z.object({ pairingId: z.string(), beneficiaryResidentId: z.string() }),
);

// ---- the council's welfare aid fund (帮扶基金), stream `aidfund-<centerId>-welfare` ----

/** A surplus allocation of one of the center's stations, credited to the fund. */
export const AidFundCredited = defineEvent(
  'volunteering.aid-fund-credited',
  1,
  z.object({
    centerId: z.string(),
    allocationId: z.string(),
    fromStationId: z.string(),
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    amountFen: positiveFen,
    ledgerEntryId: z.string(),
    /** The brokerage event the credit was made from. */
    surplusEventId: z.string(),
  }),
);
/** Aid paid to a pairing's household; `fundedBy` traces every fen to the allocations it came from (oldest first). */
export const AidPaid = defineEvent(
  'volunteering.aid-paid',
  1,
  z.object({
    centerId: z.string(),
    paymentId: z.string(),
    stationId: z.string(),
    pairingId: z.string(),
    householdId: z.string(),
    amountFen: positiveFen,
    purpose: z.enum(AID_PURPOSES),
    paidOn: isoDate,
    fundedBy: funding.min(1),
  }),
);
/** The payment is undone: its amounts go back to the very allocations that funded it. */
export const AidPaymentReversed = defineEvent(
  'volunteering.aid-payment-reversed',
  1,
  z.object({ centerId: z.string(), paymentId: z.string(), reason: z.enum(AID_REVERSAL_REASONS), restored: funding.min(1) }),
);

// ---- volunteer service records (志愿服务证明), stream `volrecord-<districtId>-<serial>` ----

export const VolunteerRecordIssued = defineEvent(
  'volunteering.volunteer-record-issued',
  1,
  z.object({
    /** 128 random bits: knowing it is what lets anyone check the record, so it cannot be guessed. */
    serial: z.string(),
    volunteerId: z.string(),
    issuerStationId: z.string(),
    from: isoDate,
    to: isoDate,
    issuedOn: isoDate,
    verifiedMinutes: minutes.positive(),
    shiftsAttended: z.number().int().nonnegative(),
    pairingVisits: z.number().int().nonnegative(),
    activities: z.array(z.object({ activityId: z.string(), title: z.string(), minutes })),
  }),
);
export const VolunteerRecordRevoked = defineEvent(
  'volunteering.volunteer-record-revoked',
  1,
  z.object({ serial: z.string(), revokedOn: isoDate, reason: z.enum(RECORD_REVOCATION_REASONS) }),
);

// ---- where a resident appears in volunteering, stream `vollink-<districtId>-<residentId>` ----

/** Lets a registry erasure find the volunteer and pairing streams that hold the resident's data. */
export const ResidentLinked = defineEvent(
  'volunteering.resident-linked',
  1,
  z.object({
    residentId: z.string(),
    stationId: z.string(),
    link: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('volunteer'), volunteerId: z.string() }),
      z.object({ kind: z.literal('pairing'), pairingId: z.string() }),
    ]),
  }),
);

export const volunteeringEventContracts = [
  VolunteerEnrolled,
  VolunteerProfileUpdated,
  VolunteerSuspended,
  VolunteerReinstated,
  VolunteerLeft,
  VolunteerPersonalDataErased,
  HoursLogged,
  HoursAmended,
  HoursVerified,
  HoursCoSigned,
  HoursRejected,
  HoursDisputed,
  HoursCorrected,
  HoursDisputeDismissed,
  ActivityScheduled,
  ShiftsAdded,
  ShiftCancelled,
  ActivityCancelled,
  VolunteerSignedUp,
  SignUpCancelled,
  VolunteerCheckedIn,
  VolunteerCheckedOut,
  VolunteerNoShow,
  PairingStarted,
  PairingVisitRecorded,
  PairingVisitAlertSet,
  PairingEnded,
  PairingBeneficiaryErased,
  AidFundCredited,
  AidPaid,
  AidPaymentReversed,
  VolunteerRecordIssued,
  VolunteerRecordRevoked,
  ResidentLinked,
] as const;

export const volunteeringUpcasters = new Upcasters([...volunteeringEventContracts], []);

type DataOf<C> = C extends EventContract<infer _T, infer S> ? z.infer<S> : never;
type EventOf<C> = C extends EventContract<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

/** Volunteering's events as a discriminated union of `{ type, data }`. */
export type VolunteeringEvent = EventOf<(typeof volunteeringEventContracts)[number]>;
export type VolunteeringEventType = VolunteeringEvent['type'];
export type VolunteeringEventEnvelope = EventEnvelope<VolunteeringEventType> & VolunteeringEvent;
export type VolunteerEnrolledData = DataOf<typeof VolunteerEnrolled>;
export type HoursLoggedData = DataOf<typeof HoursLogged>;
export type ActivityScheduledData = DataOf<typeof ActivityScheduled>;
export type PairingStartedData = DataOf<typeof PairingStarted>;
export type AidPaidData = DataOf<typeof AidPaid>;
export type VolunteerRecordIssuedData = DataOf<typeof VolunteerRecordIssued>;

/** The subject whose key encrypts a volunteer's personal fields: the resident, when the volunteer is one. */
export function volunteerSubject(volunteer: { volunteerId: string; residentId?: string }): string {
  return volunteer.residentId ?? volunteer.volunteerId;
}

/** The one fund of a service center: the council's welfare fund, fed by the surplus of all its stations. */
export const WELFARE_FUND_ID = 'welfare';

/** Stream ids: one helper per aggregate (DESIGN §2). */
export const volunteeringStreams = {
  volunteer: (stationId: string, volunteerId: string) => `volunteer-${stationId}-${volunteerId}`,
  activity: (stationId: string, activityId: string) => `volactivity-${stationId}-${activityId}`,
  pairing: (stationId: string, pairingId: string) => `pairing-${stationId}-${pairingId}`,
  aidFund: (centerId: string) => `aidfund-${centerId}-${WELFARE_FUND_ID}`,
  volunteerRecord: (districtId: string, serial: string) => `volrecord-${districtId}-${serial}`,
  residentLinks: (districtId: string, residentId: string) => `vollink-${districtId}-${residentId}`,
} as const;
export const VOLUNTEERING_CATEGORIES = ['volunteer', 'volactivity', 'pairing', 'aidfund', 'volrecord', 'vollink'] as const;

/** The category of the brokerage's surplus allocations, which volunteering consumes. */
export const SURPLUS_ALLOCATION_CATEGORY = streamCategory(brokerageStreams.surplus('station', 'allocation'));
