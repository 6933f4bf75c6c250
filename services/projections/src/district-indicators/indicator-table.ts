import { CASE_GROUPS, CaseGroup, FeedLevel, IndicatorId, INDICATORS } from '@kinship/contracts';
import { OrgUnit } from '@kinship/tenancy';
import { Relation, TableCell } from './suppression';

/**
 * Rolls the raw per-station, per-month figures up into the feed's table: months and years, stations, chains and
 * districts, with the linear relations between the cells that suppression must respect. Pure.
 */

export interface StationMonth {
  stationId: string;
  month: string;
  values: Record<string, number>;
}

export interface RawCell extends TableCell {
  orgUnitId: string;
  level: FeedLevel;
  period: string;
  indicator: IndicatorId;
  group: CaseGroup | null;
}

export interface RawTable {
  cells: RawCell[];
  relations: Relation[];
}

/** The indicators that are stocks: the value at the end of the period, the running sum of a net change. */
const STOCK_METRICS: Partial<Record<IndicatorId, string>> = {
  newCitizensPresent: 'netPresent',
  activeVolunteers: 'netVolunteers',
  activePairings: 'netPairings',
};
const FLOW_METRICS: Partial<Record<IndicatorId, string>> = {
  arrivals: 'arrivals',
  departures: 'departures',
  transfersIn: 'transfersIn',
  transfersOut: 'transfersOut',
  casesOpened: 'casesOpened',
  casesResolved: 'casesResolved',
  disputes: 'disputes',
  volunteerHours: 'volunteerMinutes',
  aidPaidFen: 'aidPaidFen',
  leasesBrokered: 'leasesBrokered',
  feesEarnedFen: 'feesEarnedFen',
  surplusAllocatedFen: 'surplusAllocatedFen',
};

export function cellKey(orgUnitId: string, period: string, indicator: IndicatorId, group: CaseGroup | null): string {
  return `${orgUnitId}|${period}|${indicator}|${group ?? ''}`;
}

/** Every month from January of the first month's year to the last month, in order. */
export function monthsCovering(first: string, last: string): string[] {
  const months: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = 1;
  for (;;) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    if (label > last) return months;
    months.push(label);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
}

/** The figures of one org unit and one period, before they become cells. */
interface Figures {
  metrics: Map<string, number>;
  resolveDays: Map<number, number>;
}

const emptyFigures = (): Figures => ({ metrics: new Map(), resolveDays: new Map() });

function addInto(target: Figures, source: Figures): void {
  for (const [metric, value] of source.metrics) target.metrics.set(metric, (target.metrics.get(metric) ?? 0) + value);
  for (const [days, count] of source.resolveDays) target.resolveDays.set(days, (target.resolveDays.get(days) ?? 0) + count);
}

/** The median of a histogram of whole days; null when it is empty. */
export function medianOf(histogram: ReadonlyMap<number, number>): { median: number | null; count: number } {
  const sorted = [...histogram.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const count = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return { median: null, count };
  const at = (index: number) => {
    let seen = 0;
    for (const [days, n] of sorted) {
      seen += n;
      if (index < seen) return days;
    }
    return sorted[sorted.length - 1]?.[0] ?? 0;
  };
  const median = count % 2 === 1 ? at((count - 1) / 2) : (at(count / 2 - 1) + at(count / 2)) / 2;
  return { median, count };
}

/**
 * Builds the table. `units` is the org directory; stations of the aggregates it does not know are left out
 * (they have no chain to roll up into).
 */
export function buildIndicatorTable(rows: readonly StationMonth[], units: readonly OrgUnit[]): RawTable {
  const stations = units.filter((u) => u.kind === 'station');
  const centers = units.filter((u) => u.kind === 'center');
  const districts = units.filter((u) => u.kind === 'district');
  const known = new Set(stations.map((s) => s.id));
  const used = rows.filter((row) => known.has(row.stationId) && Object.keys(row.values).length > 0);
  if (used.length === 0) return { cells: [], relations: [] };
  const monthsSeen = used.map((row) => row.month).sort();
  const months = monthsCovering(monthsSeen[0] as string, monthsSeen[monthsSeen.length - 1] as string);
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];

  // Station figures per month: flows as they are, stocks as running sums, the census as the latest at month end.
  const byStationMonth = new Map<string, Record<string, number>>();
  for (const row of used) {
    const key = `${row.stationId}|${row.month}`;
    const merged = byStationMonth.get(key) ?? {};
    for (const [metric, value] of Object.entries(row.values)) merged[metric] = (merged[metric] ?? 0) + value;
    byStationMonth.set(key, merged);
  }
  const figures = new Map<string, Figures>();
  const figuresOf = (unit: string, period: string) => {
    const key = `${unit}|${period}`;
    let found = figures.get(key);
    if (!found) figures.set(key, (found = emptyFigures()));
    return found;
  };
  for (const station of stations) {
    const running = new Map<string, number>();
    let census: { asOf: string; residents: number } | null = null;
    for (const month of months) {
      const values = byStationMonth.get(`${station.id}|${month}`) ?? {};
      const target = figuresOf(station.id, month);
      for (const [metric, value] of Object.entries(values)) {
        if (metric.startsWith('resolveDays:')) target.resolveDays.set(Number(metric.slice('resolveDays:'.length)), value);
        else if (metric.startsWith('census@')) {
          const asOf = metric.slice('census@'.length);
          if (census === null || asOf >= census.asOf) census = { asOf, residents: value };
        } else if (metric.startsWith('net')) running.set(metric, (running.get(metric) ?? 0) + value);
        else target.metrics.set(metric, value);
      }
      for (const [metric, value] of running) target.metrics.set(metric, value);
      if (census !== null) target.metrics.set('census', census.residents);
    }
  }
  // Years: flows summed, stocks as at the year's last month, resolution times pooled.
  const lastMonthOf = (year: string) => months.filter((m) => m.startsWith(year)).pop() as string;
  for (const station of stations) {
    for (const year of years) {
      const target = figuresOf(station.id, year);
      for (const month of months.filter((m) => m.startsWith(year))) {
        const source = figuresOf(station.id, month);
        addInto(target, { metrics: new Map([...source.metrics].filter(([m]) => !isStockMetric(m))), resolveDays: source.resolveDays });
      }
      const last = figuresOf(station.id, lastMonthOf(year));
      for (const [metric, value] of last.metrics) if (isStockMetric(metric)) target.metrics.set(metric, value);
    }
  }
  // Chains and districts: everything adds up across org units except medians, which pool their histograms.
  const periods = [...months, ...years];
  const chainsOf = (districtId: string) => centers.filter((c) => c.parentId === districtId);
  const stationsOf = (centerId: string) => stations.filter((s) => s.parentId === centerId);
  for (const period of periods) {
    for (const center of centers) for (const station of stationsOf(center.id)) addInto(figuresOf(center.id, period), figuresOf(station.id, period));
    for (const district of districts) for (const center of chainsOf(district.id)) addInto(figuresOf(district.id, period), figuresOf(center.id, period));
  }

  const cells: RawCell[] = [];
  const relations: Relation[] = [];
  const levels: Array<[FeedLevel, OrgUnit[]]> = [
    ['station', stations],
    ['chain', centers],
    ['district', districts],
  ];
  for (const [level, unitsAtLevel] of levels) {
    for (const unit of unitsAtLevel) {
      for (const period of periods) cells.push(...cellsOf(unit.id, level, period, figuresOf(unit.id, period)));
    }
  }

  const indicators = Object.entries(INDICATORS) as Array<[IndicatorId, (typeof INDICATORS)[IndicatorId]]>;
  const counted = indicators.filter(([, def]) => def.unit === 'count');
  const groupsOf = (byGroup: boolean): Array<CaseGroup | null> => (byGroup ? [null, ...CASE_GROUPS] : [null]);
  const allUnits = [...stations, ...centers, ...districts];
  for (const [indicator, def] of counted) {
    for (const group of groupsOf(def.byGroup)) {
      for (const unit of allUnits) {
        for (const year of years) {
          const inYear = months.filter((m) => m.startsWith(year));
          if (def.kind === 'flow') {
            relations.push({ kind: 'sum', total: cellKey(unit.id, year, indicator, group), parts: inYear.map((m) => cellKey(unit.id, m, indicator, group)) });
          } else {
            relations.push({ kind: 'same', members: [cellKey(unit.id, year, indicator, group), cellKey(unit.id, lastMonthOf(year), indicator, group)] });
          }
        }
      }
      for (const period of periods) {
        for (const center of centers) {
          relations.push({ kind: 'sum', total: cellKey(center.id, period, indicator, group), parts: stationsOf(center.id).map((s) => cellKey(s.id, period, indicator, group)) });
        }
        for (const district of districts) {
          relations.push({ kind: 'sum', total: cellKey(district.id, period, indicator, group), parts: chainsOf(district.id).map((c) => cellKey(c.id, period, indicator, group)) });
        }
      }
    }
    if (def.byGroup) {
      for (const unit of allUnits) {
        for (const period of periods) {
          relations.push({ kind: 'sum', total: cellKey(unit.id, period, indicator, null), parts: CASE_GROUPS.map((g) => cellKey(unit.id, period, indicator, g)) });
        }
      }
    }
  }
  // The stock of new citizens moves only with the four flows, in every period at every level.
  for (const unit of allUnits) {
    const balance = (period: string, end: string, before: string | null) =>
      relations.push({
        kind: 'balance',
        members: [
          cellKey(unit.id, end, 'newCitizensPresent', null),
          ...(before ? [cellKey(unit.id, before, 'newCitizensPresent', null)] : []),
          ...(['arrivals', 'departures', 'transfersIn', 'transfersOut'] as const).map((flow) => cellKey(unit.id, period, flow, null)),
        ],
      });
    months.forEach((month, i) => balance(month, month, months[i - 1] ?? null));
    years.forEach((year, i) => balance(year, year, i === 0 ? null : lastMonthOf(years[i - 1] as string)));
  }
  return { cells, relations };
}

const isStockMetric = (metric: string) => metric.startsWith('net') || metric === 'census';

function cellsOf(orgUnitId: string, level: FeedLevel, period: string, figures: Figures): RawCell[] {
  const cells: RawCell[] = [];
  const push = (indicator: IndicatorId, group: CaseGroup | null, value: number, basis?: number) =>
    cells.push({
      key: cellKey(orgUnitId, period, indicator, group),
      orgUnitId,
      level,
      period,
      indicator,
      group,
      value,
      suppressible: INDICATORS[indicator].unit === 'count',
      ...(basis !== undefined ? { basis } : {}),
    });
  const metric = (name: string) => figures.metrics.get(name) ?? 0;
  for (const indicator of Object.keys(INDICATORS) as IndicatorId[]) {
    const stock = STOCK_METRICS[indicator];
    const flow = FLOW_METRICS[indicator];
    if (stock) push(indicator, null, metric(stock));
    else if (indicator === 'communityResidents') push(indicator, null, metric('census'));
    else if (indicator === 'volunteerHours') push(indicator, null, Math.round(metric('volunteerMinutes') / 6) / 10);
    else if (indicator === 'medianDaysToResolve') {
      // No case resolved in the period: there is no median to publish, and no cell.
      const { median, count } = medianOf(figures.resolveDays);
      if (median !== null) push(indicator, null, median, count);
    } else if (flow) {
      push(indicator, null, metric(flow));
      if (INDICATORS[indicator].byGroup) for (const group of CASE_GROUPS) push(indicator, group, metric(`${flow}:${group}`));
    }
  }
  return cells;
}
