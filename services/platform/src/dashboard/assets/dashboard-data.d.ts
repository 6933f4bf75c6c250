// The types of dashboard-data.js for the TypeScript specs, emitted by tsc from its JSDoc; dashboard-assets.spec.ts fails
// when they drift. Re-emit with both .d.ts files moved away (tsc would read them instead of the .js); keep 3 lines:
//   npx tsc --allowJs --declaration --emitDeclarationOnly --strict --skipLibCheck --target ES2022 --module ES2022 --moduleResolution bundler --lib ES2023,DOM --outDir /tmp/dts services/platform/src/dashboard/assets/dashboard-{data,charts}.js
/**
 * The release's cells by org unit, period, indicator and group, for lookups while drawing.
 * @param {readonly IndicatorCell[]} cells
 * @returns {Map<string, IndicatorCell>}
 */
export function indexCells(cells: readonly IndicatorCell[]): Map<string, IndicatorCell>;
/**
 * The org units of each level that the release has figures for, sorted.
 * @param {readonly IndicatorCell[]} cells
 * @returns {Record<FeedLevel, string[]>}
 */
export function orgUnitsByLevel(cells: readonly IndicatorCell[]): Record<FeedLevel, string[]>;
/**
 * The names of org units by id, from the read side's `GET /org/units` answer (`{ units: [{ id, name, ... }] }`); the
 * feed carries ids only. An answer that is not one (the request failed) names nothing, and the page shows ids.
 * @param {unknown} answer
 * @returns {Map<string, string>}
 */
export function orgUnitNames(answer: unknown): Map<string, string>;
/**
 * How the page names an org unit: its name where the read side gave one, else `fallback` (by default its id).
 * @param {ReadonlyMap<string, string>} names
 * @param {string} orgUnitId
 * @param {string} [fallback]
 * @returns {string}
 */
export function orgUnitLabel(names: ReadonlyMap<string, string>, orgUnitId: string, fallback?: string): string;
/**
 * Where the page starts: the widest level the token can see, and its first unit.
 * @param {readonly IndicatorCell[]} cells
 * @returns {{ level: FeedLevel, orgUnitId: string } | null}
 */
export function defaultSelection(cells: readonly IndicatorCell[]): {
    level: FeedLevel;
    orgUnitId: string;
} | null;
/**
 * The years the release has figures for at this org unit, oldest first.
 * @param {readonly IndicatorCell[]} cells
 * @param {string} orgUnitId
 * @returns {string[]}
 */
export function yearsOf(cells: readonly IndicatorCell[], orgUnitId: string): string[];
/**
 * The months of `year` the release has figures for at this org unit, oldest first.
 * @param {readonly IndicatorCell[]} cells
 * @param {string} orgUnitId
 * @param {string} year
 * @returns {string[]}
 */
export function monthsOf(cells: readonly IndicatorCell[], orgUnitId: string, year: string): string[];
/**
 * The table's choices of periods: every year side by side, or the months of one year.
 * @param {readonly IndicatorCell[]} cells
 * @param {string} orgUnitId
 * @returns {{ value: string, label: string }[]}
 */
export function periodChoices(cells: readonly IndicatorCell[], orgUnitId: string): {
    value: string;
    label: string;
}[];
/**
 * The periods a choice of `periodChoices` stands for.
 * @param {readonly IndicatorCell[]} cells
 * @param {string} orgUnitId
 * @param {string} choice
 * @returns {string[]}
 */
export function periodsFor(cells: readonly IndicatorCell[], orgUnitId: string, choice: string): string[];
/**
 * One indicator's figures at one org unit over `periods` (totals, not per group); a period without a cell is
 * 'missing', so the chart leaves a gap rather than drawing a zero nobody measured.
 * @param {Map<string, IndicatorCell>} index
 * @param {string} orgUnitId
 * @param {string} indicator
 * @param {readonly string[]} periods
 * @returns {SeriesPoint[]}
 */
export function seriesFor(index: Map<string, IndicatorCell>, orgUnitId: string, indicator: string, periods: readonly string[]): SeriesPoint[];
/**
 * Converts a feed value into the unit the page shows (fen to yuan).
 * @param {string} indicator
 * @param {number | null} value
 * @returns {number | null}
 */
export function toDisplayUnit(indicator: string, value: number | null): number | null;
/**
 * The label and unit of an indicator; one the page does not know yet is shown under its id, as a count.
 * @param {string} indicator
 * @returns {{ label: string, unit: string }}
 */
export function displayOf(indicator: string): {
    label: string;
    unit: string;
};
/**
 * A value in a unit of the page, as text: '1,867', '92.5', '¥30,120.00'.
 * @param {number} value
 * @param {string} unit
 * @returns {string}
 */
export function formatValue(value: number, unit: string): string;
/**
 * A point as text for a table cell or a text alternative: the value, or the mark of why there is none.
 * @param {SeriesPoint} point
 * @param {string} unit
 * @returns {{ text: string, label: string, status: PointStatus }}
 */
export function describePoint(point: SeriesPoint, unit: string): {
    text: string;
    label: string;
    status: PointStatus;
};
/**
 * The mark of a figure that is not shown; a 'published' cell without a value counts as missing.
 * @param {PointStatus} status
 * @returns {{ text: string, label: string, legend: string }}
 */
export function markOf(status: PointStatus): {
    text: string;
    label: string;
    legend: string;
};
/**
 * The table of one org unit: a row per indicator (and per council group where the feed counts by group), a
 * column per period.
 * @param {readonly IndicatorCell[]} cells
 * @param {string} orgUnitId
 * @param {readonly string[]} periods
 * @returns {{ periods: string[], rows: { indicator: string, group: string | null, label: string, unit: string,
 *   cells: { period: string, text: string, label: string, status: PointStatus }[] }[] }}
 */
export function tableModel(cells: readonly IndicatorCell[], orgUnitId: string, periods: readonly string[]): {
    periods: string[];
    rows: {
        indicator: string;
        group: string | null;
        label: string;
        unit: string;
        cells: {
            period: string;
            text: string;
            label: string;
            status: PointStatus;
        }[];
    }[];
};
/**
 * The facts of a release the page shows above the charts, so a reader can cite exactly what they saw.
 * @param {IndicatorRelease} release
 * @returns {{ term: string, detail: string }[]}
 */
export function releaseFacts(release: IndicatorRelease): {
    term: string;
    detail: string;
}[];
/**
 * The releases to pick from, newest first, from the feed's list (`{ releases: [...] }`); the release on show is
 * always among them, even where the list could not be read.
 * @param {unknown} list
 * @param {{ releaseId: string, sequence: number, issuedAt: string }} current
 * @returns {ReleaseChoice[]}
 */
export function releaseChoices(list: unknown, current: {
    releaseId: string;
    sequence: number;
    issuedAt: string;
}): ReleaseChoice[];
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
export const LEVELS: readonly ["station", "chain", "district"];
/**
 * What the page calls each indicator of the feed, and the unit it shows it in (fen are shown as yuan).
 * @type {Readonly<Record<string, { label: string, unit: string }>>}
 */
export const INDICATOR_DISPLAY: Readonly<Record<string, {
    label: string;
    unit: string;
}>>;
/**
 * How a figure that is not shown is marked, in the table, in the charts and in their text alternatives.
 * @type {Readonly<Record<'suppressed-small' | 'suppressed-complementary' | 'missing', { text: string, label: string, legend: string }>>}
 */
export const SUPPRESSION_MARKS: Readonly<Record<"suppressed-small" | "suppressed-complementary" | "missing", {
    text: string;
    label: string;
    legend: string;
}>>;
/**
 * The charts of the page: one per topic, each with the indicators it draws.
 * @type {ReadonlyArray<{ id: string, title: string, kind: 'line' | 'bar', unit: string, indicators: string[] }>}
 */
export const CHARTS: ReadonlyArray<{
    id: string;
    title: string;
    kind: "line" | "bar";
    unit: string;
    indicators: string[];
}>;
export type FeedLevel = "station" | "chain" | "district";
export type CellStatus = "published" | "suppressed-small" | "suppressed-complementary";
export type IndicatorCell = {
    orgUnitId: string;
    level: FeedLevel;
    period: string;
    indicator: string;
    group: string | null;
    value: number | null;
    status: CellStatus;
};
export type IndicatorRelease = {
    releaseId: string;
    sequence: number;
    issuedAt: string;
    computedAtPosition: number;
    reason: string;
    supersedes: string | null;
    contentHash: string;
    hidden: {
        small: number;
        complementary: number;
    };
    cells: IndicatorCell[];
};
export type PointStatus = CellStatus | "missing";
export type SeriesPoint = {
    period: string;
    value: number | null;
    status: PointStatus;
};
export type ReleaseChoice = {
    value: string;
    label: string;
    sequence: number;
};
