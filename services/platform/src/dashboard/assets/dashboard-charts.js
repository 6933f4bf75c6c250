// @ts-check
// Line and bar charts as plain SVG node trees ({ tag, attrs, children }): pure, so the geometry is unit-tested,
// and the page turns a tree into DOM nodes with createElementNS (never by parsing markup; no charting library, no CDN).

import { formatValue, markOf } from './dashboard-data.js';

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
export const CHART_BOX = { width: 640, height: 260, top: 20, right: 16, bottom: 40, left: 76, legend: 22 };

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {(SvgNode | string)[]} [children]
 * @returns {SvgNode}
 */
function node(tag, attrs = {}, children = []) {
  return { tag, attrs, children };
}

/**
 * A round number at or above `raw` (1, 2, 2.5 or 5 times a power of ten), for axis steps people can read.
 * @param {number} raw
 * @returns {number}
 */
export function niceStep(raw) {
  if (!(raw > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * magnitude;
}

/**
 * The value axis: from zero to a round maximum at or above every value, in about four steps.
 * @param {number} max
 * @param {string} unit
 * @returns {{ top: number, ticks: number[] }}
 */
export function valueAxis(max, unit) {
  let step = niceStep(max / 4);
  // Counts are whole: an axis of 0, 0.5, 1 people would suggest figures the feed cannot have.
  if (unit === 'count' && step < 1) step = 1;
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = [];
  for (let i = 0; i * step <= top + step / 1e9; i += 1) ticks.push(Number((i * step).toPrecision(12)));
  return { top, ticks };
}

/**
 * A tick label: short, without the decimals a table shows.
 * @param {number} value
 * @param {string} unit
 */
function tickLabel(value, unit) {
  const text = formatValue(value, unit === 'yuan' ? 'count' : unit);
  return unit === 'yuan' ? `¥${text}` : text;
}

/**
 * The text alternative of a chart: every figure it draws, and why the missing ones are missing.
 * @param {ChartSpec} spec
 * @returns {string}
 */
export function describeChart(spec) {
  const periods = spec.series[0]?.points.length ?? 0;
  if (periods === 0) return `${spec.title}, ${spec.subject}: no figures in this release.`;
  const parts = spec.series.map((series) => {
    const figures = series.points.map((point) => {
      if (point.status === 'published' && point.value !== null) return `${point.period} ${formatValue(point.value, spec.unit)}`;
      return `${point.period} ${markOf(point.status).label}`;
    });
    return `${series.name}: ${figures.join('; ')}`;
  });
  return `${spec.title}, ${spec.subject}. ${parts.join('. ')}.`;
}

/**
 * One chart as an SVG tree: a line (gaps where there is no published figure) or grouped bars, with axes, a
 * legend when there is more than one series, a mark on every suppressed figure, and a title and description
 * that screen readers announce instead of the drawing.
 * @param {ChartSpec} spec
 * @returns {SvgNode}
 */
export function chartSvg(spec) {
  const box = CHART_BOX;
  const legendSpace = spec.series.length > 1 ? box.legend : 0;
  const top = box.top + legendSpace;
  const plotWidth = box.width - box.left - box.right;
  const baseline = box.height - box.bottom;
  const plotHeight = baseline - top;
  const periods = spec.series[0]?.points.map((point) => point.period) ?? [];
  const values = spec.series.flatMap((series) => series.points.map((point) => point.value ?? 0));
  const axis = valueAxis(Math.max(0, ...values), spec.unit);
  const band = periods.length > 0 ? plotWidth / periods.length : plotWidth;
  const xCenter = (/** @type {number} */ i) => box.left + band * (i + 0.5);
  const y = (/** @type {number} */ value) => baseline - (value / axis.top) * plotHeight;
  const round = (/** @type {number} */ n) => Math.round(n * 100) / 100;

  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  /** @type {(SvgNode | string)[]} */
  const children = [
    node('title', { id: titleId }, [`${spec.title}, ${spec.subject}`]),
    node('desc', { id: descId }, [describeChart(spec)]),
    node('defs', {}, [
      node('pattern', { id: `${spec.id}-hatch`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
        node('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }),
      ]),
    ]),
  ];

  const grid = node('g', { class: 'axis axis-y', 'aria-hidden': 'true' });
  for (const tick of axis.ticks) {
    const ty = round(y(tick));
    grid.children.push(node('line', { class: 'grid-line', x1: box.left, x2: box.width - box.right, y1: ty, y2: ty }));
    grid.children.push(node('text', { class: 'tick-label', x: box.left - 8, y: ty, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, [tickLabel(tick, spec.unit)]));
  }
  children.push(grid);

  // Twelve months or a decade of years fit; longer runs label every other period so labels never overlap.
  const labelEvery = Math.max(1, Math.ceil(periods.length / 14));
  const xAxis = node('g', { class: 'axis axis-x', 'aria-hidden': 'true' }, [
    node('line', { class: 'baseline', x1: box.left, x2: box.width - box.right, y1: baseline, y2: baseline }),
  ]);
  periods.forEach((period, i) => {
    if (i % labelEvery !== 0) return;
    xAxis.children.push(node('text', { class: 'tick-label', x: round(xCenter(i)), y: baseline + 18, 'text-anchor': 'middle' }, [period]));
  });
  children.push(xAxis);

  if (periods.length === 0) {
    children.push(node('text', { class: 'empty', x: box.width / 2, y: top + plotHeight / 2, 'text-anchor': 'middle' }, ['No figures in this release']));
  }

  const groupWidth = band * 0.72;
  const barWidth = groupWidth / Math.max(1, spec.series.length);
  spec.series.forEach((series, s) => {
    const layer = node('g', { class: `series series-${s}`, 'data-series': series.name });
    const markX = (/** @type {number} */ i) => (spec.kind === 'bar' ? xCenter(i) - groupWidth / 2 + barWidth * (s + 0.5) : xCenter(i));
    if (spec.kind === 'line') {
      let d = '';
      let drawing = false;
      series.points.forEach((point, i) => {
        if (point.status !== 'published' || point.value === null) {
          drawing = false;
          return;
        }
        d += `${drawing ? 'L' : 'M'}${round(xCenter(i))} ${round(y(point.value))} `;
        drawing = true;
      });
      if (d) layer.children.push(node('path', { class: 'line', d: d.trim(), fill: 'none' }));
    }
    series.points.forEach((point, i) => {
      const label = `${series.name}, ${point.period}`;
      if (point.status === 'published' && point.value !== null) {
        const text = formatValue(point.value, spec.unit);
        const data = { 'data-period': point.period, 'data-value': point.value };
        if (spec.kind === 'bar') {
          const barTop = y(point.value);
          layer.children.push(
            node('rect', { class: 'bar', x: round(markX(i) - barWidth / 2 + 1), y: round(barTop), width: round(Math.max(1, barWidth - 2)), height: round(baseline - barTop), ...data }, [
              node('title', {}, [`${label}: ${text}`]),
            ]),
          );
        } else {
          layer.children.push(node('circle', { class: 'point', cx: round(xCenter(i)), cy: round(y(point.value)), r: 3.5, ...data }, [node('title', {}, [`${label}: ${text}`])]));
        }
        return;
      }
      if (point.status === 'missing') return;
      const mark = markOf(point.status);
      const width = Math.max(8, Math.min(barWidth - 2, 28));
      layer.children.push(
        node('g', { class: `suppressed ${point.status}`, 'data-period': point.period, 'data-status': point.status }, [
          node('title', {}, [`${label}: ${mark.label}`]),
          node('rect', { class: 'suppressed-marker', x: round(markX(i) - width / 2), y: baseline - 14, width: round(width), height: 14, fill: `url(#${spec.id}-hatch)` }),
          node('text', { class: 'suppressed-label', x: round(markX(i)), y: baseline - 18, 'text-anchor': 'middle' }, [mark.text]),
        ]),
      );
    });
    children.push(layer);
  });

  if (spec.series.length > 1) {
    const legend = node('g', { class: 'legend', 'aria-hidden': 'true' });
    let x = box.left;
    spec.series.forEach((series, s) => {
      legend.children.push(node('rect', { class: `legend-swatch series-${s}`, x, y: 6, width: 12, height: 12 }));
      legend.children.push(node('text', { class: 'legend-label', x: x + 18, y: 12, 'dominant-baseline': 'middle' }, [series.name]));
      x += 30 + series.name.length * 7.5;
    });
    children.push(legend);
  }

  return node(
    'svg',
    {
      class: `chart chart-${spec.kind}`,
      viewBox: `0 0 ${box.width} ${box.height}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      'data-chart': spec.id,
      'data-periods': periods.length,
    },
    children,
  );
}
