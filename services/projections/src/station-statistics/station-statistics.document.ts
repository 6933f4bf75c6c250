import { CASE_GROUPS, CaseGroup } from '@kinship/contracts';
import { SourcedDocument } from '../projection/projection';

export const STATION_DAYS = 'days';
/** What later events need from earlier ones: a case's group, an hours entry's day and minutes, an aid payment. */
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
export type StationDayDocument = SourcedDocument & {
  stationId: string;
  centerId: string | null;
  date: string;
  counts: DailyCounts;
};

/** A fact kept for later events of the same stream (see `STATISTICS_FACTS`). */
export type FactDocument = SourcedDocument & (CaseFact | HoursFact | AidPaymentFact);
export type CaseFact = { kind: 'case'; group: CaseGroup };
export type HoursFact = { kind: 'hours'; stationId: string; servedOn: string; minutes: number; verified: boolean };
export type AidPaymentFact = { kind: 'aid-payment'; stationId: string; amountFen: number };

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

/** `counts` with the increment added (a new object; the argument is left alone). */
export function withIncrement(counts: DailyCounts, increment: Increment): DailyCounts {
  if ('measure' in increment) return { ...counts, [increment.measure]: counts[increment.measure] + increment.by };
  const byGroup = counts.cases[increment.cases];
  return { ...counts, cases: { ...counts.cases, [increment.cases]: { ...byGroup, [increment.group]: byGroup[increment.group] + increment.by } } };
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

