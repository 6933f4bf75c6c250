import { z } from 'zod';
import { CASE_GROUPS } from '../cases/cases.events';

/**
 * The district feed (区级指标): aggregated, privacy-preserving indicators per station, chain and district, per month
 * and per year (DESIGN §4). It carries no personal data; small counts are suppressed before anything leaves the
 * projections service. This file is the published contract every consumer of the feed relies on.
 */

/** The Kafka topic each release is published to (one message per release, key = release id). */
export const DISTRICT_INDICATORS_TOPIC = 'district.indicators.v1';

/** Counts from 1 to this are never published (statistical disclosure control). */
export const SMALL_COUNT_MAX = 4;

export const INDICATOR_UNITS = ['count', 'days', 'hours', 'fen'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/**
 * The indicators. `stock` ones are measured at the end of the period (present, active); `flow` ones add up over
 * the period. `additive` ones sum from months to the year and from stations to chain and district, which is what
 * makes complementary suppression necessary.
 */
export const INDICATORS = {
  newCitizensPresent: { label: 'New citizens present', unit: 'count', kind: 'stock', additive: false, byGroup: false },
  communityResidents: { label: 'Community residents (census)', unit: 'count', kind: 'stock', additive: false, byGroup: false },
  arrivals: { label: 'Arrivals', unit: 'count', kind: 'flow', additive: true, byGroup: false },
  departures: { label: 'Departures', unit: 'count', kind: 'flow', additive: true, byGroup: false },
  transfersIn: { label: 'Transfers in', unit: 'count', kind: 'flow', additive: true, byGroup: false },
  transfersOut: { label: 'Transfers out', unit: 'count', kind: 'flow', additive: true, byGroup: false },
  casesOpened: { label: 'Cases opened', unit: 'count', kind: 'flow', additive: true, byGroup: true },
  casesResolved: { label: 'Cases resolved', unit: 'count', kind: 'flow', additive: true, byGroup: true },
  disputes: { label: 'Disputes between new and old residents', unit: 'count', kind: 'flow', additive: true, byGroup: false },
  medianDaysToResolve: { label: 'Median days to resolve', unit: 'days', kind: 'flow', additive: false, byGroup: false },
  volunteerHours: { label: 'Verified volunteer hours', unit: 'hours', kind: 'flow', additive: true, byGroup: false },
  activeVolunteers: { label: 'Active volunteers', unit: 'count', kind: 'stock', additive: false, byGroup: false },
  activePairings: { label: 'Active pairings', unit: 'count', kind: 'stock', additive: false, byGroup: false },
  aidPaidFen: { label: 'Pairing aid paid (fen)', unit: 'fen', kind: 'flow', additive: true, byGroup: false },
  leasesBrokered: { label: 'Leases brokered', unit: 'count', kind: 'flow', additive: true, byGroup: false },
  feesEarnedFen: { label: 'Fees earned (fen)', unit: 'fen', kind: 'flow', additive: true, byGroup: false },
  surplusAllocatedFen: { label: 'Surplus allocated (fen)', unit: 'fen', kind: 'flow', additive: true, byGroup: false },
} as const satisfies Record<
  string,
  { label: string; unit: IndicatorUnit; kind: 'stock' | 'flow'; additive: boolean; byGroup: boolean }
>;
export type IndicatorId = keyof typeof INDICATORS;
export const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];

export const FEED_LEVELS = ['station', 'chain', 'district'] as const;
export type FeedLevel = (typeof FEED_LEVELS)[number];

/** Why a cell carries no value. */
export const CELL_STATUSES = ['published', 'suppressed-small', 'suppressed-complementary'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

const period = z.string().regex(/^\d{4}(-\d{2})?$/, 'YYYY or YYYY-MM');

export const indicatorCellSchema = z.object({
  /** The station, the chain (its service center's id) or the district. */
  orgUnitId: z.string().min(1),
  level: z.enum(FEED_LEVELS),
  /** 'YYYY' for a year, 'YYYY-MM' for a month. */
  period,
  indicator: z.enum(INDICATOR_IDS as [IndicatorId, ...IndicatorId[]]),
  /** The council working group, for the indicators counted per group; null for the total. */
  group: z.enum(CASE_GROUPS).nullable(),
  /** Null exactly when the cell is suppressed. */
  value: z.number().nullable(),
  status: z.enum(CELL_STATUSES),
});
export type IndicatorCell = z.infer<typeof indicatorCellSchema>;

export const indicatorReleaseSchema = z.object({
  releaseId: z.string().min(1),
  /** 1, 2, 3… in the order releases were issued. */
  sequence: z.number().int().positive(),
  issuedAt: z.string().datetime({ offset: true }),
  /** The log position the release was computed at: everything up to it, nothing after. */
  computedAtPosition: z.number().int().nonnegative(),
  reason: z.enum(['scheduled', 'requested', 'erasure']),
  /** The release this one replaces (every release after the first replaces its predecessor). */
  supersedes: z.string().min(1).nullable(),
  /** SHA-256 (hex) of the canonical JSON of `cells`, sorted by orgUnitId, period, indicator, group. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** How many cells were hidden, by reason. */
  hidden: z.object({ small: z.number().int().nonnegative(), complementary: z.number().int().nonnegative() }),
  cells: z.array(indicatorCellSchema),
});
export type IndicatorRelease = z.infer<typeof indicatorReleaseSchema>;

/** One release in the list of releases (`GET /district/indicators/releases`): its header, no cells. */
export const indicatorReleaseSummarySchema = indicatorReleaseSchema.omit({ cells: true }).extend({
  cellCount: z.number().int().nonnegative(),
  /** Where it went: the Kafka topic (distributed), or the outbox record in the document store (embedded). */
  publication: z
    .object({ topic: z.string().min(1), transport: z.enum(['outbox', 'kafka']), publishedAt: z.string().datetime({ offset: true }) })
    .nullable(),
});
export type IndicatorReleaseSummary = z.infer<typeof indicatorReleaseSummarySchema>;
