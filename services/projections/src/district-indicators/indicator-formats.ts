import { FeedLevel, IndicatorCell, IndicatorId, IndicatorRelease, INDICATORS } from '@kinship/contracts';

/** Which cells a reader asked for: all filters optional, `period` a prefix ('2010' matches 2010 and 2010-xx). */
export interface CellFilter {
  level?: FeedLevel;
  orgUnitId?: string;
  period?: string;
  indicator?: IndicatorId;
}

export function filterCells(cells: readonly IndicatorCell[], filter: CellFilter, readable: (orgUnitId: string) => boolean): IndicatorCell[] {
  return cells.filter(
    (cell) =>
      readable(cell.orgUnitId) &&
      (filter.level === undefined || cell.level === filter.level) &&
      (filter.orgUnitId === undefined || cell.orgUnitId === filter.orgUnitId) &&
      (filter.period === undefined || cell.period.startsWith(filter.period)) &&
      (filter.indicator === undefined || cell.indicator === filter.indicator),
  );
}

export const CSV_COLUMNS = ['orgUnitId', 'level', 'period', 'indicator', 'group', 'unit', 'value', 'status'] as const;

/** RFC 4180 CSV with a header row; a suppressed cell has an empty value and says why in `status`. */
export function toCsv(cells: readonly IndicatorCell[]): string {
  const rows = cells.map((c) => [c.orgUnitId, c.level, c.period, c.indicator, c.group ?? '', INDICATORS[c.indicator].unit, c.value === null ? '' : String(c.value), c.status]);
  return [CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One value of a DHIS2 `dataValueSets` document. */
export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  value: string;
}

/** A DHIS2 `dataValueSets` import document (JSON), with codes for data elements and org units. */
export interface Dhis2DataValueSet {
  dataSet: string;
  completeDate: string;
  dataValues: Dhis2DataValue[];
}

/** The data set code the export declares; a DHIS2 instance maps it when it imports with idScheme=CODE. */
export const DHIS2_DATA_SET = 'KINSHIP_DISTRICT_INDICATORS';

/** The data element code of an indicator, per council group where it is counted per group. */
export function dhis2DataElement(indicator: IndicatorId, group: string | null): string {
  return group === null ? indicator : `${indicator}.${group}`;
}

/** DHIS2 periods: 'YYYY' for a year, 'YYYYMM' for a month. */
export function dhis2Period(period: string): string {
  return period.replace('-', '');
}

/**
 * The release as a DHIS2 `dataValueSets` document. Suppressed cells are left out: DHIS2 reads a missing value
 * as "not reported", which is what a suppressed cell is to the district.
 */
export function toDhis2(release: Pick<IndicatorRelease, 'issuedAt'>, cells: readonly IndicatorCell[]): Dhis2DataValueSet {
  return {
    dataSet: DHIS2_DATA_SET,
    completeDate: release.issuedAt.slice(0, 10),
    dataValues: cells
      .filter((cell) => cell.value !== null)
      .map((cell) => ({
        dataElement: dhis2DataElement(cell.indicator, cell.group),
        period: dhis2Period(cell.period),
        orgUnit: cell.orgUnitId,
        value: String(cell.value),
      })),
  };
}
