// The types of dashboard-charts.js for the TypeScript specs, emitted by tsc from its JSDoc; dashboard-assets.spec.ts fails
// when they drift. Re-emit with both .d.ts files moved away (tsc would read them instead of the .js); keep 3 lines:
//   npx tsc --allowJs --declaration --emitDeclarationOnly --strict --skipLibCheck --target ES2022 --module ES2022 --moduleResolution bundler --lib ES2023,DOM --outDir /tmp/dts services/platform/src/dashboard/assets/dashboard-{data,charts}.js
/**
 * A round number at or above `raw` (1, 2, 2.5 or 5 times a power of ten), for axis steps people can read.
 * @param {number} raw
 * @returns {number}
 */
export function niceStep(raw: number): number;
/**
 * The value axis: from zero to a round maximum at or above every value, in about four steps.
 * @param {number} max
 * @param {string} unit
 * @returns {{ top: number, ticks: number[] }}
 */
export function valueAxis(max: number, unit: string): {
    top: number;
    ticks: number[];
};
/**
 * The text alternative of a chart: every figure it draws, and why the missing ones are missing.
 * @param {ChartSpec} spec
 * @returns {string}
 */
export function describeChart(spec: ChartSpec): string;
/**
 * One chart as an SVG tree: a line (gaps where there is no published figure) or grouped bars, with axes, a
 * legend when there is more than one series, a mark on every suppressed figure, and a title and description
 * that screen readers announce instead of the drawing.
 * @param {ChartSpec} spec
 * @returns {SvgNode}
 */
export function chartSvg(spec: ChartSpec): SvgNode;
/** @typedef {import('./dashboard-data.js').SeriesPoint} SeriesPoint */
/** @typedef {{ tag: string, attrs: Record<string, string | number>, children: (SvgNode | string)[] }} SvgNode */
/** @typedef {{ name: string, points: SeriesPoint[] }} ChartSeries */
/**
 * @typedef {{ id: string, title: string, kind: 'line' | 'bar', unit: string, subject: string,
 *   series: ChartSeries[] }} ChartSpec
 */
/**
 * The drawing box of every chart, in SVG user units; the CSS scales it to the page's width.
 * @type {Readonly<{ width: number, height: number, top: number, right: number, bottom: number, left: number, legend: number }>}
 */
export const CHART_BOX: Readonly<{
    width: number;
    height: number;
    top: number;
    right: number;
    bottom: number;
    left: number;
    legend: number;
}>;
export type SeriesPoint = import("./dashboard-data.js").SeriesPoint;
export type SvgNode = {
    tag: string;
    attrs: Record<string, string | number>;
    children: (SvgNode | string)[];
};
export type ChartSeries = {
    name: string;
    points: SeriesPoint[];
};
export type ChartSpec = {
    id: string;
    title: string;
    kind: "line" | "bar";
    unit: string;
    subject: string;
    series: ChartSeries[];
};
