import { CASE_GROUPS } from '@kinship/contracts';
import { arrayOf, date, fen, integer, month, nullable, object, record, Schema, string } from '../openapi/response-schema';
import { SLA_STATUSES } from '../case-queue/case-queue.responses';
import { CASE_MEASURES, DAILY_MEASURES } from '../station-statistics/station-statistics.document';

const byGroup = object(Object.fromEntries(CASE_GROUPS.map((group) => [group, integer()])));

/** The counts of a day or a range, as GET /stations/{stationId}/statistics gives them. */
const COUNTS: Schema = object({
  ...Object.fromEntries(DAILY_MEASURES.map((measure) => [measure, integer()])),
  cases: object(Object.fromEntries(CASE_MEASURES.map((measure) => [measure, byGroup])), 'Case counts per measure and group'),
});

const FIGURES: Record<string, Schema> = {
  residentsPresent: integer(),
  openCases: object({
    total: integer(),
    byGroup: object(
      Object.fromEntries(CASE_GROUPS.map((group) => [group, object({ total: integer(), ...Object.fromEntries(SLA_STATUSES.map((status) => [status, integer()])) })])),
      'Open cases per group, by SLA status',
    ),
  }),
  today: COUNTS,
  monthToDate: COUNTS,
  ledgerMonthToDate: object({ netFeeRevenueFen: fen(), grantRevenueFen: fen(), revenueFen: fen(), operatingExpensesFen: fen(), surplusFen: fen() }),
  volunteers: object({ members: integer(), verifiedMinutes: integer() }),
  openListings: integer(),
  activeLeases: integer(),
};

/** A chain at a glance, per station and in total (GET /centers/{centerId}/overview). */
export const CHAIN_OVERVIEW_SCHEMA: Schema = object({
  centerId: string(),
  asOf: date(),
  month: month(),
  year: integer(),
  stations: arrayOf(object({ stationId: string(), name: string(), ...FIGURES })),
  total: object(FIGURES),
  links: record(string(), 'Where each figure comes from: the query that gives it in detail'),
  positions: record(nullable(integer()), 'The position each read model had reached when it answered'),
});
