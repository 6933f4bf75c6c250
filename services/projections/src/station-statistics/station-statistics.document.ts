import { CASE_GROUPS, CaseGroup } from '@kinship/contracts';
import { fieldName, fromFieldName } from '../district-indicators/district-indicators.document';
import { CountedFact, CountingAggregate } from '../stream-facts/count-once';

export const STATION_DAYS = 'days';
/**
 * What later events need from earlier ones (a case's group, an hours entry's day and minutes, an aid payment), and per
 * stream or entity the version it counted last (see `countOnce`): the days themselves keep no record of their streams.
 */
export const STATISTICS_FACTS = 'facts';

/** The plain counts of a station's day; amounts are fen, volunteer time whole minutes. */
export const DAILY_MEASURES = [
  'arrivals',
  'departures',
  'transfersIn',
  'transfersOut',
  'mediationSessionsHeld',
  'volunteerMinutesVerified',
  'checkIns',
  'aidPaidFen',
  'aidReversedFen',
  'viewings',
  'leasesSigned',
  'feesInvoicedFen',
  'feesReceivedFen',
  'feesRefundedFen',
] as const;
export type DailyMeasure = (typeof DAILY_MEASURES)[number];

/** What happened to cases that day, counted per working group of the council. */
export const CASE_MEASURES = ['opened', 'resolved', 'escalated', 'slaBreached'] as const;
export type CaseMeasure = (typeof CASE_MEASURES)[number];

export type GroupCounts = Record<CaseGroup, number>;
export type DailyCounts = Record<DailyMeasure, number> & { cases: Record<CaseMeasure, GroupCounts> };

/** One station's day (the date at the station, UTC+8): every count the day's events added. */
export type StationDayDocument = CountingAggregate & {
  stationId: string;
  centerId: string | null;
  date: string;
  /** The counts as stored: incremented in place, so a group's name is a field name (see `countPath`, `countsOf`). */
  counts: Record<DailyMeasure, number> & { cases: Record<CaseMeasure, Record<string, number>> };
};

/** The stored path of a day's counter (`$inc` takes field paths: a group's '-' is escaped). */
export function countPath(increment: { measure: DailyMeasure } | { cases: CaseMeasure; group: CaseGroup }): string {
  return 'measure' in increment ? `counts.${increment.measure}` : `counts.cases.${increment.cases}.${fieldName(increment.group)}`;
}

/** Every counter's stored path, each at zero: what a new day starts with, so that every count reads as a number. */
export function zeroCounters(): Record<string, number> {
  const paths = [...DAILY_MEASURES.map((measure) => countPath({ measure })), ...CASE_MEASURES.flatMap((cases) => CASE_GROUPS.map((group) => countPath({ cases, group })))];
  return Object.fromEntries(paths.map((path) => [path, 0]));
}

/** A stored day's counts as the queries read them. */
export function countsOf(day: Pick<StationDayDocument, 'counts'>): DailyCounts {
  const counts = emptyCounts();
  for (const measure of DAILY_MEASURES) counts[measure] = day.counts[measure] ?? 0;
  for (const measure of CASE_MEASURES) {
    for (const [field, value] of Object.entries(day.counts.cases?.[measure] ?? {})) counts.cases[measure][fromFieldName(field) as CaseGroup] = value;
  }
  return counts;
}

/** A fact kept for later events of the same stream (see `STATISTICS_FACTS`). */
export type FactDocument = CountedFact & (CaseFact | HoursFact | AidPaymentFact | CountedStreamFact);
export type CaseFact = { kind: 'case'; group: CaseGroup };
export type HoursFact = { kind: 'hours'; stationId: string; servedOn: string; minutes: number; verified: boolean };
export type AidPaymentFact = { kind: 'aid-payment'; stationId: string; amountFen: number };
/** A stream whose events count without a fact of their own: only the version it counted is kept. */
export type CountedStreamFact = { kind: 'stream' };

/** One more (or, with a negative `by`, less) of a measure on a station's day. */
export type Increment = { stationId: string; date: string; by: number } & ({ measure: DailyMeasure } | { cases: CaseMeasure; group: CaseGroup });

export function dayId(stationId: string, date: string): string {
  return `${stationId}|${date}`;
}

export function emptyCounts(): DailyCounts {
  const groups = (): GroupCounts => Object.fromEntries(CASE_GROUPS.map((group) => [group, 0])) as GroupCounts;
  return {
    ...(Object.fromEntries(DAILY_MEASURES.map((measure) => [measure, 0])) as Record<DailyMeasure, number>),
    cases: Object.fromEntries(CASE_MEASURES.map((measure) => [measure, groups()])) as Record<CaseMeasure, GroupCounts>,
  };
}

/** The sum of two days' (or ranges') counts. */
export function addCounts(a: DailyCounts, b: DailyCounts): DailyCounts {
  const sum = emptyCounts();
  for (const measure of DAILY_MEASURES) sum[measure] = a[measure] + b[measure];
  for (const measure of CASE_MEASURES) for (const group of CASE_GROUPS) sum.cases[measure][group] = a.cases[measure][group] + b.cases[measure][group];
  return sum;
}

/** How many residents the day's moves added to the station (negative when more left than came). */
export function netResidents(counts: DailyCounts): number {
  return counts.arrivals + counts.transfersIn - counts.departures - counts.transfersOut;
}

