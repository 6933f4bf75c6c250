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
import { Collection } from '@kinship/documents';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { alreadyApplied, markApplied, Projection, ProjectionContext } from '../projection/projection';
import {
  AidPaymentFact,
  CaseFact,
  CaseMeasure,
  DailyMeasure,
  dayId,
  emptyCounts,
  FactDocument,
  HoursFact,
  Increment,
  STATION_DAYS,
  StationDayDocument,
  STATISTICS_FACTS,
  withIncrement,
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

type Fact = CaseFact | HoursFact | AidPaymentFact;
interface Plan {
  increments: Increment[];
  /** A fact to record once the increments are in, so a redelivery finds it applied and changes nothing. */
  fact?: { id: string; previous: FactDocument | null; next: Fact };
}

/**
 * Daily station statistics (DESIGN §4): per station and day at the station, the moves of residents, what happened to
 * cases per working group, mediation, volunteering, aid and brokerage. Each event adds to the day of its domain date
 * (the date in its data, else the UTC+8 date of its instant); every day document remembers the stream versions it
 * reflects, so a redelivered event is never counted twice. Residents present are summed from the moves at query time.
 */
export function stationStatisticsProjection(deps: { org: Pick<OrgDirectoryReader, 'centerOf'> }): Projection {
  async function apply(raw: EventEnvelope, ctx: ProjectionContext): Promise<void> {
    const event = upcasters.upcast(raw);
    const facts = ctx.collection<FactDocument>(STATISTICS_FACTS);
    const plan = await planOf(event, facts);
    if (!plan) return;
    await addToDays(ctx.collection<StationDayDocument>(STATION_DAYS), event, plan.increments);
    if (plan.fact) {
      const { id, previous, next } = plan.fact;
      await facts.upsert({ ...next, _id: id, _sources: markApplied(previous, event) } as FactDocument);
    }
  }

  async function addToDays(days: Collection<StationDayDocument>, event: EventEnvelope, increments: readonly Increment[]): Promise<void> {
    const byDay = new Map<string, Increment[]>();
    for (const increment of increments) byDay.set(dayId(increment.stationId, increment.date), [...(byDay.get(dayId(increment.stationId, increment.date)) ?? []), increment]);
    for (const [id, own] of byDay) {
      const existing = await days.get(id);
      if (alreadyApplied(existing, event)) continue;
      const { stationId, date } = own[0];
      await days.upsert({
        _id: id,
        _sources: markApplied(existing, event),
        stationId,
        centerId: deps.org.centerOf(stationId)?.id ?? null,
        date,
        counts: own.reduce(withIncrement, existing?.counts ?? emptyCounts()),
      });
    }
  }

  return {
    name: STATION_STATISTICS,
    version: 1,
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

/** What the event adds to which days, and the fact it leaves for later events; null when it was applied already. */
async function planOf(event: EventEnvelope, facts: Collection<FactDocument>): Promise<Plan | null> {
  const station = event.tenantId;
  const count = (measure: DailyMeasure, stationId: string, date: string, by = 1): Plan => ({ increments: [{ measure, stationId, date, by }] });
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
      return { increments: [{ cases: 'opened', group, stationId, date: dateAt(at), by: 1 }], fact: await newFact(facts, event, caseFactId(event), { kind: 'case', group }) };
    }
    case CaseReceived.type: {
      const fact = await newFact(facts, event, caseFactId(event), { kind: 'case', group: CaseReceived.schema.parse(event.data).group });
      return { increments: [], fact };
    }
    case CaseResolved.type:
      return caseCount(facts, event, 'resolved', CaseResolved.schema.parse(event.data).at);
    case CaseEscalated.type:
      return caseCount(facts, event, 'escalated', CaseEscalated.schema.parse(event.data).at);
    case SlaBreached.type:
      // Counted on the day the target was missed, not the day the clock noticed it.
      return caseCount(facts, event, 'slaBreached', SlaBreached.schema.parse(event.data).dueAt);
    case MediationSessionHeld.type:
      return count('mediationSessionsHeld', station, dateAt(MediationSessionHeld.schema.parse(event.data).at));
    case VolunteerCheckedIn.type:
      return count('checkIns', station, dateAt(VolunteerCheckedIn.schema.parse(event.data).checkedInAt));
    case AidPaid.type: {
      const { stationId, paidOn, amountFen, paymentId } = AidPaid.schema.parse(event.data);
      const fact = await newFact(facts, event, `aid|${paymentId}`, { kind: 'aid-payment', stationId, amountFen });
      return { ...count('aidPaidFen', stationId, paidOn, amountFen), fact };
    }
    case AidPaymentReversed.type: {
      const id = `aid|${AidPaymentReversed.schema.parse(event.data).paymentId}`;
      const payment = await required<AidPaymentFact>(facts, id, event);
      return count('aidReversedFen', payment.stationId, dateAt(event.occurredAt), payment.amountFen);
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
      return hoursPlan(event, facts);
  }
}

/**
 * Verified volunteer minutes count on the day they were served. An entry's minutes, day and verification change over
 * its life (amended, verified, disputed, corrected), so each change takes back what the entry counted before and
 * adds what it counts now.
 */
async function hoursPlan(event: EventEnvelope, facts: Collection<FactDocument>): Promise<Plan | null> {
  const change = hoursChange(event);
  if (!change) return null;
  const id = `hours|${change.entryId}`;
  const previous = await facts.get(id);
  if (alreadyApplied(previous, event)) return null;
  if (previous !== null && previous.kind !== 'hours') throw new StatisticsFactMissingError(id, event.type);
  if (previous === null && event.type !== HoursLogged.type) throw new StatisticsFactMissingError(id, event.type);
  const next: HoursFact = { ...(previous ?? { kind: 'hours', stationId: event.tenantId, servedOn: '', minutes: 0, verified: false }), ...change.next };
  const increments: Increment[] = [];
  if (previous?.verified) increments.push({ measure: 'volunteerMinutesVerified', stationId: previous.stationId, date: previous.servedOn, by: -previous.minutes });
  if (next.verified) increments.push({ measure: 'volunteerMinutesVerified', stationId: next.stationId, date: next.servedOn, by: next.minutes });
  return { increments, fact: { id, previous, next } };
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

async function caseCount(facts: Collection<FactDocument>, event: EventEnvelope, measure: CaseMeasure, at: string): Promise<Plan> {
  const { group } = await required<CaseFact>(facts, caseFactId(event), event);
  return { increments: [{ cases: measure, group, stationId: event.tenantId, date: dateAt(at), by: 1 }] };
}

/** A fact recorded by the event that starts it; null `previous` unless this is a redelivery. */
async function newFact(facts: Collection<FactDocument>, event: EventEnvelope, id: string, next: Fact): Promise<Plan['fact']> {
  return { id, previous: await facts.get(id), next };
}

async function required<T extends Fact>(facts: Collection<FactDocument>, id: string, event: EventEnvelope): Promise<T> {
  const fact = await facts.get(id);
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
