// @ts-check
// Shapes a district indicator release (libs/contracts/src/district/district-indicators.ts) into what the page
// shows: the org units to choose from, per-year series for the charts and the rows of the table. Pure functions
// only, so the browser and the unit tests run the same code; the page has no build step, hence plain JS.

/** @typedef {'station' | 'chain' | 'district'} FeedLevel */
/** @typedef {'published' | 'suppressed-small' | 'suppressed-complementary'} CellStatus */
/**
 * @typedef {{ orgUnitId: string, level: FeedLevel, period: string, indicator: string, group: string | null,
 *   value: number | null, status: CellStatus }} IndicatorCell
 */
/**
 * @typedef {{ releaseId: string, sequence: number, issuedAt: string, computedAtPosition: number, reason: string,
 *   supersedes: string | null, contentHash: string, hidden: { small: number, complementary: number },
 *   cells: IndicatorCell[] }} IndicatorRelease
 */
/** @typedef {CellStatus | 'missing'} PointStatus */
/** @typedef {{ period: string, value: number | null, status: PointStatus }} SeriesPoint */
/** @typedef {{ value: string, label: string, sequence: number }} ReleaseChoice */

/** The feed's levels, from the smallest unit up. */
export const LEVELS = /** @type {const} */ (['station', 'chain', 'district']);

/**
 * What the page calls each indicator of the feed, and the unit it shows it in (fen are shown as yuan).
 * @type {Readonly<Record<string, { label: string, unit: string }>>}
 */
export const INDICATOR_DISPLAY = {
  newCitizensPresent: { label: 'New citizens present', unit: 'count' },
  communityResidents: { label: 'Community residents (census)', unit: 'count' },
  arrivals: { label: 'Arrivals', unit: 'count' },
  departures: { label: 'Departures', unit: 'count' },
  transfersIn: { label: 'Transfers in', unit: 'count' },
  transfersOut: { label: 'Transfers out', unit: 'count' },
  casesOpened: { label: 'Cases opened', unit: 'count' },
  casesResolved: { label: 'Cases resolved', unit: 'count' },
  disputes: { label: 'Disputes between new and old residents', unit: 'count' },
  medianDaysToResolve: { label: 'Median days to resolve', unit: 'days' },
  volunteerHours: { label: 'Verified volunteer hours', unit: 'hours' },
  activeVolunteers: { label: 'Active volunteers', unit: 'count' },
  activePairings: { label: 'Active pairings', unit: 'count' },
  aidPaidFen: { label: 'Pairing aid paid', unit: 'yuan' },
  leasesBrokered: { label: 'Leases brokered', unit: 'count' },
  feesEarnedFen: { label: 'Fees earned', unit: 'yuan' },
  surplusAllocatedFen: { label: 'Surplus allocated', unit: 'yuan' },
};

/**
 * How a figure that is not shown is marked, in the table, in the charts and in their text alternatives.
 * @type {Readonly<Record<'suppressed-small' | 'suppressed-complementary' | 'missing', { text: string, label: string, legend: string }>>}
 */
export const SUPPRESSION_MARKS = {
  'suppressed-small': {
    text: '≤4',
    label: 'suppressed: a count from 1 to 4',
    legend: 'Small count: the true value is from 1 to 4 and is never published.',
  },
  'suppressed-complementary': {
    text: 'hidden',
    label: 'suppressed so that a small count cannot be worked out from totals',
    legend: 'Complementary suppression: hidden so that a small count elsewhere cannot be recovered from totals or from the previous release.',
  },
  missing: {
    text: '–',
    label: 'no data in this release',
    legend: 'No figure for this period in the release.',
  },
};

/**
 * The charts of the page: one per topic, each with the indicators it draws.
 * @type {ReadonlyArray<{ id: string, title: string, kind: 'line' | 'bar', unit: string, indicators: string[] }>}
 */
export const CHARTS = [
  { id: 'new-citizens', title: 'New citizens present', kind: 'line', unit: 'count', indicators: ['newCitizensPresent'] },
  { id: 'disputes', title: 'Disputes between new and old residents per year', kind: 'bar', unit: 'count', indicators: ['disputes'] },
  { id: 'volunteer-hours', title: 'Verified volunteer hours per year', kind: 'bar', unit: 'hours', indicators: ['volunteerHours'] },
  { id: 'fees-surplus', title: 'Fees earned and surplus allocated per year', kind: 'bar', unit: 'yuan', indicators: ['feesEarnedFen', 'surplusAllocatedFen'] },
];

const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}-\d{2}$/;

/**
 * @param {IndicatorCell} cell
 * @returns {string}
 */
function keyOf(cell) {
  return cellKey(cell.orgUnitId, cell.period, cell.indicator, cell.group);
}

/**
 * @param {string} orgUnitId
 * @param {string} period
 * @param {string} indicator
 * @param {string | null} group
 */
function cellKey(orgUnitId, period, indicator, group) {
  return `${orgUnitId}\u0000${period}\u0000${indicator}\u0000${group ?? ''}`;
}

/**
 * The release's cells by org unit, period, indicator and group, for lookups while drawing.
 * @param {readonly IndicatorCell[]} cells
 * @returns {Map<string, IndicatorCell>}
 */
export function indexCells(cells) {
  const index = new Map();
  for (const cell of cells) index.set(keyOf(cell), cell);
  return index;
}

/**
 * The org units of each level that the release has figures for, sorted.
 * @param {readonly IndicatorCell[]} cells
 * @returns {Record<FeedLevel, string[]>}
 */
export function orgUnitsByLevel(cells) {
  /** @type {Record<FeedLevel, Set<string>>} */
  const sets = { station: new Set(), chain: new Set(), district: new Set() };
  for (const cell of cells) sets[cell.level]?.add(cell.orgUnitId);
  return {
    station: [...sets.station].sort(),
    chain: [...sets.chain].sort(),
    district: [...sets.district].sort(),
  };
}

/**
 * The names of org units by id, from the read side's `GET /org/units` answer (`{ units: [{ id, name, ... }] }`); the
 * feed carries ids only. An answer that is not one (the request failed) names nothing, and the page shows ids.
 * @param {unknown} answer
 * @returns {Map<string, string>}
 */
export function orgUnitNames(answer) {
  const units = /** @type {{ units?: unknown }} */ (answer ?? {}).units;
  /** @type {Map<string, string>} */
  const names = new Map();
  for (const unit of Array.isArray(units) ? units : []) {
    if (unit && typeof unit.id === 'string' && typeof unit.name === 'string' && unit.name.trim() !== '') names.set(unit.id, unit.name);
  }
  return names;
}

/**
 * How the page names an org unit: its name where the read side gave one, else `fallback` (by default its id).
 * @param {ReadonlyMap<string, string>} names
 * @param {string} orgUnitId
 * @param {string} [fallback]
 * @returns {string}
 */
export function orgUnitLabel(names, orgUnitId, fallback = orgUnitId) {
  return names.get(orgUnitId) ?? fallback;
}

/**
 * Where the page starts: the widest level the token can see, and its first unit.
 * @param {readonly IndicatorCell[]} cells
 * @returns {{ level: FeedLevel, orgUnitId: string } | null}
 */
export function defaultSelection(cells) {
  const units = orgUnitsByLevel(cells);
  for (const level of [...LEVELS].reverse()) {
    const first = units[level][0];
    if (first !== undefined) return { level, orgUnitId: first };
  }
  return null;
}

/**
 * The years the release has figures for at this org unit, oldest first.
 * @param {readonly IndicatorCell[]} cells
 * @param {string} orgUnitId
 * @returns {string[]}
 */
export function yearsOf(cells, orgUnitId) {
  const years = new Set();
  for (const cell of cells) if (cell.orgUnitId === orgUnitId && YEAR.test(cell.period)) years.add(cell.period);
  return [...years].sort();
}

/**
 * The months of `year` the release has figures for at this org unit, oldest first.
 * @param {readonly IndicatorCell[]} cells
 * @param {string} orgUnitId
 * @param {string} year
 * @returns {string[]}
 */
export function monthsOf(cells, orgUnitId, year) {
  const months = new Set();
  for (const cell of cells) {
    if (cell.orgUnitId === orgUnitId && MONTH.test(cell.period) && cell.period.startsWith(`${year}-`)) months.add(cell.period);
  }
  return [...months].sort();
}

/**
 * The table's choices of periods: every year side by side, or the months of one year.
 * @param {readonly IndicatorCell[]} cells
 * @param {string} orgUnitId
 * @returns {{ value: string, label: string }[]}
 */
export function periodChoices(cells, orgUnitId) {
  const choices = [{ value: 'years', label: 'Years' }];
  const withMonths = new Set();
  for (const cell of cells) if (cell.orgUnitId === orgUnitId && MONTH.test(cell.period)) withMonths.add(cell.period.slice(0, 4));
  for (const year of [...withMonths].sort()) choices.push({ value: year, label: `Months of ${year}` });
  return choices;
}

/**
 * The periods a choice of `periodChoices` stands for.
 * @param {readonly IndicatorCell[]} cells
 * @param {string} orgUnitId
 * @param {string} choice
 * @returns {string[]}
 */
export function periodsFor(cells, orgUnitId, choice) {
  return choice === 'years' ? yearsOf(cells, orgUnitId) : monthsOf(cells, orgUnitId, choice);
}

/**
 * One indicator's figures at one org unit over `periods` (totals, not per group); a period without a cell is
 * 'missing', so the chart leaves a gap rather than drawing a zero nobody measured.
 * @param {Map<string, IndicatorCell>} index
 * @param {string} orgUnitId
 * @param {string} indicator
 * @param {readonly string[]} periods
 * @returns {SeriesPoint[]}
 */
export function seriesFor(index, orgUnitId, indicator, periods) {
  return periods.map((period) => {
    const cell = index.get(cellKey(orgUnitId, period, indicator, null));
    if (!cell) return { period, value: null, status: 'missing' };
    return { period, value: cell.status === 'published' ? toDisplayUnit(indicator, cell.value) : null, status: cell.status };
  });
}

/**
 * Converts a feed value into the unit the page shows (fen to yuan).
 * @param {string} indicator
 * @param {number | null} value
 * @returns {number | null}
 */
export function toDisplayUnit(indicator, value) {
  if (value === null) return null;
  return displayOf(indicator).unit === 'yuan' ? value / 100 : value;
}

/**
 * The label and unit of an indicator; one the page does not know yet is shown under its id, as a count.
 * @param {string} indicator
 * @returns {{ label: string, unit: string }}
 */
export function displayOf(indicator) {
  return INDICATOR_DISPLAY[indicator] ?? { label: indicator, unit: 'count' };
}

const NUMBER_FORMATS = {
  count: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
  hours: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }),
  days: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }),
  yuan: new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/**
 * A value in a unit of the page, as text: '1,867', '92.5', '¥30,120.00'.
 * @param {number} value
 * @param {string} unit
 * @returns {string}
 */
export function formatValue(value, unit) {
  if (unit === 'yuan') return `¥${NUMBER_FORMATS.yuan.format(value)}`;
  const format = /** @type {Record<string, Intl.NumberFormat>} */ (NUMBER_FORMATS)[unit] ?? NUMBER_FORMATS.count;
  return format.format(value);
}

/**
 * A point as text for a table cell or a text alternative: the value, or the mark of why there is none.
 * @param {SeriesPoint} point
 * @param {string} unit
 * @returns {{ text: string, label: string, status: PointStatus }}
 */
export function describePoint(point, unit) {
  if (point.status === 'published' && point.value !== null) {
    const text = formatValue(point.value, unit);
    return { text, label: text, status: point.status };
  }
  const mark = markOf(point.status);
  return { text: mark.text, label: mark.label, status: point.status };
}

/**
 * The mark of a figure that is not shown; a 'published' cell without a value counts as missing.
 * @param {PointStatus} status
 * @returns {{ text: string, label: string, legend: string }}
 */
export function markOf(status) {
  return SUPPRESSION_MARKS[status === 'published' ? 'missing' : status];
}

/**
 * The table of one org unit: a row per indicator (and per council group where the feed counts by group), a
 * column per period.
 * @param {readonly IndicatorCell[]} cells
 * @param {string} orgUnitId
 * @param {readonly string[]} periods
 * @returns {{ periods: string[], rows: { indicator: string, group: string | null, label: string, unit: string,
 *   cells: { period: string, text: string, label: string, status: PointStatus }[] }[] }}
 */
export function tableModel(cells, orgUnitId, periods) {
  const index = indexCells(cells);
  const wanted = new Set(periods);
  /** @type {Map<string, { indicator: string, group: string | null }>} */
  const rowKeys = new Map();
  for (const cell of cells) {
    if (cell.orgUnitId !== orgUnitId || !wanted.has(cell.period)) continue;
    rowKeys.set(`${cell.indicator}\u0000${cell.group ?? ''}`, { indicator: cell.indicator, group: cell.group });
  }
  const order = Object.keys(INDICATOR_DISPLAY);
  const rank = (/** @type {string} */ indicator) => {
    const at = order.indexOf(indicator);
    return at === -1 ? order.length : at;
  };
  const rows = [...rowKeys.values()].sort(
    (a, b) => rank(a.indicator) - rank(b.indicator) || a.indicator.localeCompare(b.indicator) || (a.group ?? '').localeCompare(b.group ?? ''),
  );
  return {
    periods: [...periods],
    rows: rows.map(({ indicator, group }) => {
      const display = displayOf(indicator);
      return {
        indicator,
        group,
        label: group === null ? display.label : `${display.label}: ${group}`,
        unit: display.unit,
        cells: periods.map((period) => {
          const cell = index.get(cellKey(orgUnitId, period, indicator, group));
          /** @type {SeriesPoint} */
          const point = cell
            ? { period, value: cell.status === 'published' ? toDisplayUnit(indicator, cell.value) : null, status: cell.status }
            : { period, value: null, status: 'missing' };
          return { period, ...describePoint(point, display.unit) };
        }),
      };
    }),
  };
}

/**
 * The facts of a release the page shows above the charts, so a reader can cite exactly what they saw.
 * @param {IndicatorRelease} release
 * @returns {{ term: string, detail: string }[]}
 */
export function releaseFacts(release) {
  return [
    { term: 'Sequence', detail: String(release.sequence) },
    { term: 'Issued at', detail: release.issuedAt },
    { term: 'Computed at log position', detail: String(release.computedAtPosition) },
    { term: 'Reason', detail: release.reason },
    { term: 'Supersedes', detail: release.supersedes ?? 'none (first release)' },
    { term: 'Content hash (SHA-256)', detail: release.contentHash },
    { term: 'Cells hidden', detail: `${release.hidden.small} small counts, ${release.hidden.complementary} complementary` },
  ];
}

/**
 * The releases to pick from, newest first, from the feed's list (`{ releases: [...] }`); the release on show is
 * always among them, even where the list could not be read.
 * @param {unknown} list
 * @param {{ releaseId: string, sequence: number, issuedAt: string }} current
 * @returns {ReleaseChoice[]}
 */
export function releaseChoices(list, current) {
  const listed = /** @type {{ releases?: unknown }} */ (list ?? {}).releases;
  /** @type {{ releaseId: string, sequence: number, issuedAt: string }[]} */
  const releases = (Array.isArray(listed) ? listed : []).filter(
    (item) => item && typeof item.releaseId === 'string' && Number.isInteger(item.sequence) && typeof item.issuedAt === 'string',
  );
  if (!releases.some((release) => release.releaseId === current.releaseId)) releases.push(current);
  const newest = Math.max(...releases.map((release) => release.sequence));
  return releases
    .sort((a, b) => b.sequence - a.sequence)
    .map((release) => ({
      value: release.releaseId,
      label: `Release ${release.sequence}, issued ${release.issuedAt}${release.sequence === newest ? ' (latest)' : ''}`,
      sequence: release.sequence,
    }));
}
