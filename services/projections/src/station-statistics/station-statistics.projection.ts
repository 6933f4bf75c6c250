import {
  AidPaid,
  AidPaymentReversed,
  brokerageStreams,
  brokerageUpcasters,
  CaseEscalated,
  CaseOpened,
  CaseReceived,
  CaseResolved,
  casesStreams,
  casesUpcasters,
  EventEnvelope,
  FeeInvoiced,
  FeePaymentRecorded,
  FeeRefunded,
  HoursAmended,
  HoursCoSigned,
  HoursCorrected,
  HoursDisputed,
  HoursDisputeDismissed,
  HoursLogged,
  HoursRejected,
  HoursVerified,
  LeaseSigned,
  localDate,
  MediationSessionHeld,
  registryStreams,
  registryUpcasters,
  ResidentMovedOut,
  ResidentRegistered,
  ResidentReturned,
  ResidentTransferredIn,
  ResidentTransferredOut,
  SlaBreached,
  streamCategory,
  Upcasters,
  ViewingOutcomeRecorded,
  VolunteerCheckedIn,
  volunteeringStreams,
  volunteeringUpcasters,
} from '@kinship/contracts';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { Projection, ProjectionContext } from '../projection/projection';
import { AggregateIncrement, countOnce } from '../stream-facts/count-once';
import {
  AidPaymentFact,
  CaseFact,
  CaseMeasure,
  countPath,
  CountedStreamFact,
  DailyMeasure,
  dayId,
  FactDocument,
  HoursFact,
  Increment,
  STATION_DAYS,
  StationDayDocument,
  STATISTICS_FACTS,
  zeroCounters,
} from './station-statistics.document';

export const STATION_STATISTICS = 'station-statistics';

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991: a station's date is the UTC+8 date. */
const STATION_CLOCK = { utcOffsetMinutes: 8 * 60 };

const upcasters = Upcasters.merge(registryUpcasters, casesUpcasters, volunteeringUpcasters, brokerageUpcasters);

/** Viewings that took place; a no-show or a cancelled viewing did not. */
const HELD_VIEWINGS: readonly string[] = ['interested', 'declined'];

/** An event of a stream arrived before the event it builds on was projected (that one was dead-lettered). */
export class StatisticsFactMissingError extends Error {
  constructor(readonly factId: string, readonly eventType: string) {
    super(`No ${factId} in the station statistics; cannot count ${eventType}`);
  }
}

type Fact = CaseFact | HoursFact | AidPaymentFact | CountedStreamFact;

/**
 * Daily station statistics (DESIGN §4): per station and day at the station, the moves of residents, what happened to
 * cases per working group, mediation, volunteering, aid and brokerage. Each event adds to the day of its domain date
 * (the date in its data, else the UTC+8 date of its instant). The day documents are shared by every stream of the
 * station, so they keep no record of those streams: each event's fact (its case, hours entry, aid payment, else its
 * stream) remembers the version it counted, and `countOnce` adds to the days at most once. Residents present are
 * summed from the moves at query time.
 */
export function stationStatisticsProjection(deps: { org: Pick<OrgDirectoryReader, 'centerOf'> }): Projection {
  const zeros = zeroCounters();

  async function apply(raw: EventEnvelope, ctx: ProjectionContext): Promise<void> {
    const event = upcasters.upcast(raw);
    const factId = factIdOf(event);
    if (factId === null) return;
    await countOnce<Fact>({
      event,
      facts: ctx.collection<FactDocument>(STATISTICS_FACTS),
      aggregates: ctx.collection<StationDayDocument>(STATION_DAYS),
      factId,
      zeros,
      plan: async (previous) => {
        const plan = await planOf(event, previous as FactDocument | null);
        return plan && { fact: plan.fact, increments: plan.increments.map((increment) => onDay(increment)) };
      },
    });
  }

  function onDay(increment: Increment): AggregateIncrement {
    const { stationId, date, by } = increment;
    return { id: dayId(stationId, date), inc: { [countPath(increment)]: by }, set: { stationId, centerId: deps.org.centerOf(stationId)?.id ?? null, date } };
  }

  return {
    name: STATION_STATISTICS,
    version: 2,
    categories: [
      streamCategory(registryStreams.resident('s', 'r')),
      streamCategory(casesStreams.case('s', 'c')),
      streamCategory(volunteeringStreams.volunteer('s', 'v')),
      streamCategory(volunteeringStreams.activity('s', 'a')),
      streamCategory(volunteeringStreams.aidFund('c')),
      streamCategory(brokerageStreams.housingFile('s', 'r')),
      streamCategory(brokerageStreams.lease('s', 'l')),
      streamCategory(brokerageStreams.invoice('s', 'i')),
    ],
    collections: {
      [STATION_DAYS]: { indexes: [{ fields: { stationId: 1, date: 1 } }, { fields: { centerId: 1, date: 1 } }] },
      [STATISTICS_FACTS]: {},
    },
    apply,
  };
}

const CASE_FACT_EVENTS: readonly string[] = [CaseOpened.type, CaseReceived.type, CaseResolved.type, CaseEscalated.type, SlaBreached.type];
const STREAM_COUNTED_EVENTS: readonly string[] = [
  ResidentRegistered.type,
  ResidentReturned.type,
  ResidentTransferredIn.type,
  ResidentTransferredOut.type,
  ResidentMovedOut.type,
  MediationSessionHeld.type,
  VolunteerCheckedIn.type,
  ViewingOutcomeRecorded.type,
  LeaseSigned.type,
  FeeInvoiced.type,
  FeePaymentRecorded.type,
  FeeRefunded.type,
];

/**
 * The fact that remembers whether the event was counted: the one it reads or writes, else its stream's; null for the
 * events the statistics do not count.
 */
function factIdOf(event: EventEnvelope): string | null {
  if (CASE_FACT_EVENTS.includes(event.type)) return caseFactId(event);
  if (event.type === AidPaid.type || event.type === AidPaymentReversed.type) return `aid|${(event.data as { paymentId: string }).paymentId}`;
  if (STREAM_COUNTED_EVENTS.includes(event.type)) return event.streamId;
  const hours = hoursChange(event);
  return hours && `hours|${hours.entryId}`;
}

/** What the event adds to which days, and the fact it leaves for later events; null when it counts nothing. */
async function planOf(event: EventEnvelope, previous: FactDocument | null): Promise<{ increments: Increment[]; fact: Fact } | null> {
  const station = event.tenantId;
  const stream: CountedStreamFact = { kind: 'stream' };
  const count = (measure: DailyMeasure, stationId: string, date: string, by = 1) => ({ increments: [{ measure, stationId, date, by }], fact: stream });
  switch (event.type) {
    case ResidentRegistered.type: {
      const { stationId, arrivalDate } = ResidentRegistered.schema.parse(event.data);
      return count('arrivals', stationId, arrivalDate);
    }
    case ResidentReturned.type: {
      // Someone who moved out and came back arrives again, on the day of their return.
      const { stationId, arrivalDate } = ResidentReturned.schema.parse(event.data);
      return count('arrivals', stationId, arrivalDate);
    }
    case ResidentTransferredIn.type: {
      const { stationId, transferredOn } = ResidentTransferredIn.schema.parse(event.data);
      return count('transfersIn', stationId, transferredOn);
    }
    case ResidentTransferredOut.type:
      return count('transfersOut', station, ResidentTransferredOut.schema.parse(event.data).transferredOn);
    case ResidentMovedOut.type:
      return count('departures', station, ResidentMovedOut.schema.parse(event.data).movedOutOn);
    case CaseOpened.type: {
      const { stationId, group, at } = CaseOpened.schema.parse(event.data);
      return { increments: [{ cases: 'opened', group, stationId, date: dateAt(at), by: 1 }], fact: { kind: 'case', group } };
    }
    case CaseReceived.type:
      return { increments: [], fact: { kind: 'case', group: CaseReceived.schema.parse(event.data).group } };
    case CaseResolved.type:
      return caseCount(previous, event, 'resolved', CaseResolved.schema.parse(event.data).at);
    case CaseEscalated.type:
      return caseCount(previous, event, 'escalated', CaseEscalated.schema.parse(event.data).at);
    case SlaBreached.type:
      // Counted on the day the target was missed, not the day the clock noticed it.
      return caseCount(previous, event, 'slaBreached', SlaBreached.schema.parse(event.data).dueAt);
    case MediationSessionHeld.type:
      return count('mediationSessionsHeld', station, dateAt(MediationSessionHeld.schema.parse(event.data).at));
    case VolunteerCheckedIn.type:
      return count('checkIns', station, dateAt(VolunteerCheckedIn.schema.parse(event.data).checkedInAt));
    case AidPaid.type: {
      const { stationId, paidOn, amountFen } = AidPaid.schema.parse(event.data);
      return { ...count('aidPaidFen', stationId, paidOn, amountFen), fact: { kind: 'aid-payment', stationId, amountFen } };
    }
    case AidPaymentReversed.type: {
      const payment = required<AidPaymentFact>(previous, `aid|${AidPaymentReversed.schema.parse(event.data).paymentId}`, event);
      return { ...count('aidReversedFen', payment.stationId, dateAt(event.occurredAt), payment.amountFen), fact: { kind: 'aid-payment', stationId: payment.stationId, amountFen: payment.amountFen } };
    }
    case ViewingOutcomeRecorded.type: {
      const { outcome, recordedOn } = ViewingOutcomeRecorded.schema.parse(event.data);
      return HELD_VIEWINGS.includes(outcome) ? count('viewings', station, recordedOn) : null;
    }
    case LeaseSigned.type: {
      const { stationId, signedOn } = LeaseSigned.schema.parse(event.data);
      return count('leasesSigned', stationId, signedOn);
    }
    case FeeInvoiced.type: {
      const { stationId, issuedOn, amountFen } = FeeInvoiced.schema.parse(event.data);
      return count('feesInvoicedFen', stationId, issuedOn, amountFen);
    }
    case FeePaymentRecorded.type: {
      const { paidOn, amountFen } = FeePaymentRecorded.schema.parse(event.data);
      return count('feesReceivedFen', station, paidOn, amountFen);
    }
    case FeeRefunded.type: {
      const { refundedOn, amountFen } = FeeRefunded.schema.parse(event.data);
      return count('feesRefundedFen', station, refundedOn, amountFen);
    }
    default:
      return hoursPlan(event, previous);
  }
}

/**
 * Verified volunteer minutes count on the day they were served. An entry's minutes, day and verification change over
 * its life (amended, verified, disputed, corrected), so each change takes back what the entry counted before and
 * adds what it counts now.
 */
function hoursPlan(event: EventEnvelope, previous: FactDocument | null): { increments: Increment[]; fact: HoursFact } | null {
  const change = hoursChange(event);
  if (!change) return null;
  const id = `hours|${change.entryId}`;
  if (previous !== null && previous.kind !== 'hours') throw new StatisticsFactMissingError(id, event.type);
  if (previous === null && event.type !== HoursLogged.type) throw new StatisticsFactMissingError(id, event.type);
  const before: HoursFact | null = previous && { kind: 'hours', stationId: previous.stationId, servedOn: previous.servedOn, minutes: previous.minutes, verified: previous.verified };
  const next: HoursFact = { ...(before ?? { kind: 'hours', stationId: event.tenantId, servedOn: '', minutes: 0, verified: false }), ...change.next };
  const increments: Increment[] = [];
  if (before?.verified) increments.push({ measure: 'volunteerMinutesVerified', stationId: before.stationId, date: before.servedOn, by: -before.minutes });
  if (next.verified) increments.push({ measure: 'volunteerMinutesVerified', stationId: next.stationId, date: next.servedOn, by: next.minutes });
  return { increments, fact: next };
}

function hoursChange(event: EventEnvelope): { entryId: string; next: Partial<HoursFact> } | null {
  switch (event.type) {
    case HoursLogged.type: {
      const { entryId, servedOn, minutes, source } = HoursLogged.schema.parse(event.data);
      // Attendance is verified by the attendance itself.
      return { entryId, next: { servedOn, minutes, verified: source === 'attendance' } };
    }
    case HoursAmended.type: {
      const { entryId, servedOn, minutes } = HoursAmended.schema.parse(event.data);
      return { entryId, next: { servedOn, minutes } };
    }
    case HoursCorrected.type: {
      const { entryId, servedOn, minutes } = HoursCorrected.schema.parse(event.data);
      return { entryId, next: { servedOn, minutes, verified: true } };
    }
    case HoursVerified.type:
    case HoursCoSigned.type:
    case HoursDisputeDismissed.type:
      return { entryId: (event.data as { entryId: string }).entryId, next: { verified: true } };
    case HoursRejected.type:
    case HoursDisputed.type:
      return { entryId: (event.data as { entryId: string }).entryId, next: { verified: false } };
    default:
      return null;
  }
}

function caseCount(previous: FactDocument | null, event: EventEnvelope, measure: CaseMeasure, at: string): { increments: Increment[]; fact: CaseFact } {
  const { group } = required<CaseFact>(previous, caseFactId(event), event);
  return { increments: [{ cases: measure, group, stationId: event.tenantId, date: dateAt(at), by: 1 }], fact: { kind: 'case', group } };
}

function required<T extends Fact>(fact: FactDocument | null, id: string, event: EventEnvelope): T {
  if (!fact) throw new StatisticsFactMissingError(id, event.type);
  return fact as unknown as T;
}

/** A case's stream is its stay at one station: a case handed over starts a new stream at the receiving station. */
function caseFactId(event: EventEnvelope): string {
  return `case|${event.streamId}`;
}

/** The date at the station at an instant. */
export function dateAt(instant: string): string {
  return localDate(STATION_CLOCK, instant);
}
