import {
  AidPaid,
  AidPaymentReversed,
  brokerageUpcasters,
  CaseOpened,
  CaseReceived,
  CaseResolved,
  casesUpcasters,
  CommunityCensusRecorded,
  EventEnvelope,
  FeeInvoiced,
  FeeRefunded,
  FeeWaived,
  HoursAmended,
  HoursCoSigned,
  HoursCorrected,
  HoursDisputed,
  HoursDisputeDismissed,
  HoursLogged,
  HoursRejected,
  HoursVerified,
  InvoiceVoided,
  LeaseSigned,
  PairingEnded,
  PairingStarted,
  registryUpcasters,
  ResidentMovedOut,
  ResidentRegistered,
  ResidentReturned,
  ResidentTransferredIn,
  ResidentTransferredOut,
  SurplusAllocated,
  Upcasters,
  VolunteerEnrolled,
  VolunteerLeft,
  VolunteerReinstated,
  VolunteerSuspended,
  volunteeringUpcasters,
} from '@kinship/contracts';

/**
 * The pure half of the district indicators projection: each source stream folds into a small state and the
 * contribution it makes to the per-station, per-month aggregates. A contribution is keyed
 * `<stationId>|<YYYY-MM>|<metric>`; the projection applies the difference between a stream's contributions
 * before and after an event, so a stream whose past is revised (an amended hours entry) moves its figures.
 *
 * Metrics: additive flows (`arrivals`, `casesOpened:<group>`, `volunteerMinutes`, `feesEarnedFen`, ...), net
 * changes of stocks (`netPresent`, `netVolunteers`, `netPairings`) whose running sum is the stock, resolution
 * times as a histogram (`resolveDays:<n>` counts the cases resolved after n days), and the census (`census@<asOf>`).
 */

/** Every event the indicators read, at its current schema version. */
export const INDICATOR_UPCASTERS = Upcasters.merge(registryUpcasters, casesUpcasters, volunteeringUpcasters, brokerageUpcasters);

/** Events that erase a person's data: they change no figure, but a published release must be re-issued. */
export const ERASURE_EVENT_TYPES: readonly string[] = [
  'registry.resident-personal-data-erased',
  'cases.case-personal-data-erased',
  'volunteering.volunteer-personal-data-erased',
  'volunteering.pairing-beneficiary-erased',
  'brokerage.landlord-personal-data-erased',
  'brokerage.housing-file-erased',
];

/** The stream categories the erasure events are written to. */
export const ERASURE_CATEGORIES: readonly string[] = ['resident', 'case', 'volunteer', 'pairing', 'landlord', 'housing'];

export type Contributions = Record<string, number>;

/** What the indicators remember of one source stream (or of one hours entry of a volunteer's stream). */
export type StreamState =
  | { kind: 'append'; station: string | null }
  | { kind: 'resident'; station: string; present: boolean }
  | { kind: 'case'; station: string; group: string; openedAt: string }
  | { kind: 'volunteer'; station: string; status: 'active' | 'suspended' | 'left' }
  | { kind: 'hours'; station: string; month: string; minutes: number; verified: boolean }
  | { kind: 'pairing'; station: string; active: boolean }
  | { kind: 'aidfund'; payments: Record<string, { station: string; amountFen: number }> }
  | { kind: 'invoice'; station: string };

export interface StreamFact {
  state: StreamState;
  contributions: Contributions;
}

/** What folding an event needs from outside its own stream: when a handed-over case was first opened. */
export interface FoldContext {
  openedAtElsewhere?: string;
}

const STATION_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The date at the stations (UTC+8, no daylight saving) of an instant. */
export function stationDate(instant: string): string {
  return new Date(Date.parse(instant) + STATION_OFFSET_MS).toISOString().slice(0, 10);
}

export function contributionKey(stationId: string, month: string, metric: string): string {
  return `${stationId}|${month}|${metric}`;
}

export function parseContributionKey(key: string): { stationId: string; month: string; metric: string } {
  const [stationId, month, metric] = key.split('|') as [string, string, string];
  return { stationId, month, metric };
}

const monthOf = (date: string) => date.slice(0, 7);

function add(base: Contributions, station: string, date: string, deltas: Record<string, number>): Contributions {
  const next = { ...base };
  for (const [metric, delta] of Object.entries(deltas)) {
    const key = contributionKey(station, monthOf(date), metric);
    const value = (next[key] ?? 0) + delta;
    if (value === 0) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** Whole days between two instants, counted on the stations' calendar. */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(stationDate(to)) - Date.parse(stationDate(from))) / DAY_MS));
}

/**
 * Folds one event into its stream's fact; returns the fact unchanged for events the indicators do not count, and
 * null when the stream has nothing to count yet (an event of a stream whose opening the indicators never saw).
 */
export function foldIndicatorEvent(fact: StreamFact | null, raw: EventEnvelope, context: FoldContext = {}): StreamFact | null {
  const event = INDICATOR_UPCASTERS.upcast(raw);
  const contributions = fact?.contributions ?? {};
  const state = fact?.state ?? null;
  switch (event.type) {
    case ResidentRegistered.type: {
      const data = ResidentRegistered.schema.parse(event.data);
      return {
        state: { kind: 'resident', station: data.stationId, present: true },
        contributions: add(contributions, data.stationId, data.arrivalDate, { arrivals: 1, netPresent: 1 }),
      };
    }
    case ResidentReturned.type: {
      // Someone who moved out and came back is a newcomer of the district again: an arrival, on the day of the return.
      const data = ResidentReturned.schema.parse(event.data);
      return {
        state: { kind: 'resident', station: data.stationId, present: true },
        contributions: add(contributions, data.stationId, data.arrivalDate, { arrivals: 1, netPresent: 1 }),
      };
    }
    case ResidentTransferredIn.type: {
      const data = ResidentTransferredIn.schema.parse(event.data);
      return {
        state: { kind: 'resident', station: data.stationId, present: true },
        contributions: add(contributions, data.stationId, data.transferredOn, { transfersIn: 1, netPresent: 1 }),
      };
    }
    case ResidentMovedOut.type:
    case ResidentTransferredOut.type: {
      if (state?.kind !== 'resident' || !state.present) return fact;
      const movedOut = event.type === ResidentMovedOut.type;
      const on = movedOut ? ResidentMovedOut.schema.parse(event.data).movedOutOn : ResidentTransferredOut.schema.parse(event.data).transferredOn;
      return {
        state: { ...state, present: false },
        contributions: add(contributions, state.station, on, movedOut ? { departures: 1, netPresent: -1 } : { transfersOut: 1, netPresent: -1 }),
      };
    }
    case CommunityCensusRecorded.type: {
      const data = CommunityCensusRecorded.schema.parse(event.data);
      // A census recorded again for the same day replaces the earlier figure.
      const key = contributionKey(data.stationId, monthOf(data.asOf), `census@${data.asOf}`);
      return { state: { kind: 'append', station: data.stationId }, contributions: { ...contributions, [key]: data.residents } };
    }
    case CaseOpened.type: {
      const data = CaseOpened.schema.parse(event.data);
      const deltas: Record<string, number> = { casesOpened: 1, [`casesOpened:${data.group}`]: 1 };
      if (data.category === 'neighbour-dispute') deltas['disputes'] = 1;
      return {
        state: { kind: 'case', station: data.stationId, group: data.group, openedAt: data.at },
        contributions: add(contributions, data.stationId, stationDate(data.at), deltas),
      };
    }
    case CaseReceived.type: {
      // A handed-over case was opened at its first station: it counts there, and is resolved here.
      const data = CaseReceived.schema.parse(event.data);
      return { state: { kind: 'case', station: data.stationId, group: data.group, openedAt: context.openedAtElsewhere ?? data.at }, contributions };
    }
    case CaseResolved.type: {
      if (state?.kind !== 'case') return fact;
      const { at } = CaseResolved.schema.parse(event.data);
      const days = daysBetween(state.openedAt, at);
      return {
        state,
        contributions: add(contributions, state.station, stationDate(at), { casesResolved: 1, [`casesResolved:${state.group}`]: 1, [`resolveDays:${days}`]: 1 }),
      };
    }
    case VolunteerEnrolled.type: {
      const data = VolunteerEnrolled.schema.parse(event.data);
      return { state: { kind: 'volunteer', station: data.stationId, status: 'active' }, contributions: add(contributions, data.stationId, data.enrolledOn, { netVolunteers: 1 }) };
    }
    case VolunteerSuspended.type:
    case VolunteerReinstated.type:
    case VolunteerLeft.type:
      return state?.kind === 'volunteer' ? volunteerStanding(state, contributions, event) : fact;
    case HoursLogged.type:
    case HoursAmended.type:
    case HoursCorrected.type:
    case HoursVerified.type:
    case HoursCoSigned.type:
    case HoursDisputeDismissed.type:
    case HoursRejected.type:
    case HoursDisputed.type:
      return hoursEntry(state?.kind === 'hours' ? state : null, event);
    case PairingStarted.type: {
      const data = PairingStarted.schema.parse(event.data);
      return { state: { kind: 'pairing', station: data.stationId, active: true }, contributions: add(contributions, data.stationId, data.startedOn, { netPairings: 1 }) };
    }
    case PairingEnded.type: {
      if (state?.kind !== 'pairing' || !state.active) return fact;
      const { endedOn } = PairingEnded.schema.parse(event.data);
      return { state: { ...state, active: false }, contributions: add(contributions, state.station, endedOn, { netPairings: -1 }) };
    }
    case AidPaid.type: {
      const data = AidPaid.schema.parse(event.data);
      const payments = state?.kind === 'aidfund' ? state.payments : {};
      return {
        state: { kind: 'aidfund', payments: { ...payments, [data.paymentId]: { station: data.stationId, amountFen: data.amountFen } } },
        contributions: add(contributions, data.stationId, data.paidOn, { aidPaidFen: data.amountFen }),
      };
    }
    case AidPaymentReversed.type: {
      const { paymentId } = AidPaymentReversed.schema.parse(event.data);
      const payment = state?.kind === 'aidfund' ? state.payments[paymentId] : undefined;
      if (!payment || state?.kind !== 'aidfund') return fact;
      // A reversal is money coming back in the month it comes back; the month it was paid in stays as published.
      const { [paymentId]: _reversed, ...payments } = state.payments;
      return {
        state: { kind: 'aidfund', payments },
        contributions: add(contributions, payment.station, stationDate(event.occurredAt), { aidPaidFen: -payment.amountFen }),
      };
    }
    case LeaseSigned.type: {
      const data = LeaseSigned.schema.parse(event.data);
      return { state: { kind: 'append', station: data.stationId }, contributions: add(contributions, data.stationId, data.signedOn, { leasesBrokered: 1 }) };
    }
    case FeeInvoiced.type: {
      const data = FeeInvoiced.schema.parse(event.data);
      return { state: { kind: 'invoice', station: data.stationId }, contributions: add(contributions, data.stationId, data.issuedOn, { feesEarnedFen: data.amountFen }) };
    }
    case FeeRefunded.type:
    case FeeWaived.type:
    case InvoiceVoided.type: {
      if (state?.kind !== 'invoice') return fact;
      const { amountFen, on } = feeReduction(event);
      return { state, contributions: add(contributions, state.station, on, { feesEarnedFen: -amountFen }) };
    }
    case SurplusAllocated.type: {
      const data = SurplusAllocated.schema.parse(event.data);
      if (data.amountFen === 0) return fact ?? { state: { kind: 'append', station: data.stationId }, contributions };
      return { state: { kind: 'append', station: data.stationId }, contributions: add(contributions, data.stationId, `${data.period}-01`, { surplusAllocatedFen: data.amountFen }) };
    }
    default:
      return fact;
  }
}

function feeReduction(event: EventEnvelope): { amountFen: number; on: string } {
  if (event.type === FeeRefunded.type) {
    const data = FeeRefunded.schema.parse(event.data);
    return { amountFen: data.amountFen, on: data.refundedOn };
  }
  if (event.type === FeeWaived.type) {
    const data = FeeWaived.schema.parse(event.data);
    return { amountFen: data.amountFen, on: data.waivedOn };
  }
  const data = InvoiceVoided.schema.parse(event.data);
  return { amountFen: data.amountFen, on: data.voidedOn };
}

type VolunteerState = Extract<StreamState, { kind: 'volunteer' }>;
type HoursState = Extract<StreamState, { kind: 'hours' }>;

/** Active volunteers are a stock: a suspension or a departure takes one off in its month, a reinstatement adds one. */
function volunteerStanding(state: VolunteerState, contributions: Contributions, event: EventEnvelope): StreamFact {
  const move = (status: VolunteerState['status'], on: string, delta: number): StreamFact => ({
    state: { ...state, status },
    contributions: delta === 0 ? contributions : add(contributions, state.station, on, { netVolunteers: delta }),
  });
  if (event.type === VolunteerSuspended.type && state.status === 'active') return move('suspended', VolunteerSuspended.schema.parse(event.data).suspendedOn, -1);
  if (event.type === VolunteerReinstated.type && state.status === 'suspended') return move('active', VolunteerReinstated.schema.parse(event.data).reinstatedOn, 1);
  if (event.type === VolunteerLeft.type && state.status !== 'left') {
    // A suspended volunteer already stopped counting as active when suspended.
    return move('left', VolunteerLeft.schema.parse(event.data).leftOn, state.status === 'active' ? -1 : 0);
  }
  return { state, contributions };
}

/** Every event type some indicator counts; the projection passes over the others without reading anything. */
export const COUNTED_EVENT_TYPES: ReadonlySet<string> = new Set(
  [
    ResidentRegistered,
    ResidentReturned,
    ResidentTransferredIn,
    ResidentMovedOut,
    ResidentTransferredOut,
    CommunityCensusRecorded,
    CaseOpened,
    CaseReceived,
    CaseResolved,
    VolunteerEnrolled,
    VolunteerSuspended,
    VolunteerReinstated,
    VolunteerLeft,
    PairingStarted,
    PairingEnded,
    AidPaid,
    AidPaymentReversed,
    LeaseSigned,
    FeeInvoiced,
    FeeRefunded,
    FeeWaived,
    InvoiceVoided,
    SurplusAllocated,
  ].map((contract) => contract.type as string),
);

/** The hours events name their entry: each entry is a fact of its own, so a long service log stays cheap. */
export const HOURS_EVENT_TYPES: readonly string[] = [
  HoursLogged.type,
  HoursAmended.type,
  HoursCorrected.type,
  HoursVerified.type,
  HoursCoSigned.type,
  HoursDisputeDismissed.type,
  HoursRejected.type,
  HoursDisputed.type,
];

/** The id of the fact an event folds into: its stream's, or for an hours event its entry's within the stream. */
export function factIdOf(event: Pick<EventEnvelope, 'type' | 'streamId' | 'data'>): string {
  return HOURS_EVENT_TYPES.includes(event.type) ? `${event.streamId}#${(event.data as { entryId: string }).entryId}` : event.streamId;
}

/**
 * The verified hours as the volunteer-hours read model counts them: attendance is verified by itself. A volunteer's
 * stream is `volunteer-<stationId>-<volunteerId>`, so its tenant is the station the hours count for.
 */
function hoursEntry(entry: HoursState | null, event: EventEnvelope): StreamFact | null {
  let next: HoursState | null;
  switch (event.type) {
    case HoursLogged.type: {
      const logged = HoursLogged.schema.parse(event.data);
      next = { kind: 'hours', station: event.tenantId, month: monthOf(logged.servedOn), minutes: logged.minutes, verified: logged.source === 'attendance' };
      break;
    }
    case HoursAmended.type: {
      const amended = HoursAmended.schema.parse(event.data);
      next = entry && { ...entry, month: monthOf(amended.servedOn), minutes: amended.minutes };
      break;
    }
    case HoursCorrected.type: {
      const corrected = HoursCorrected.schema.parse(event.data);
      next = { kind: 'hours', station: entry?.station ?? event.tenantId, month: monthOf(corrected.servedOn), minutes: corrected.minutes, verified: true };
      break;
    }
    case HoursVerified.type:
    case HoursCoSigned.type:
    case HoursDisputeDismissed.type:
      next = entry && { ...entry, verified: true };
      break;
    default:
      next = entry && { ...entry, verified: false };
  }
  if (next === null) return null;
  return { state: next, contributions: next.verified ? { [contributionKey(next.station, next.month, 'volunteerMinutes')]: next.minutes } : {} };
}

/** The difference between two contribution maps, per key (zero differences left out). */
export function contributionDelta(before: Contributions, after: Contributions): Contributions {
  const delta: Contributions = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const change = (after[key] ?? 0) - (before[key] ?? 0);
    if (change !== 0) delta[key] = change;
  }
  return delta;
}
