import { CellStatus, INDICATOR_IDS, IndicatorCell, IndicatorRelease, indicatorReleaseSchema } from '@kinship/contracts';
import { CHART_BOX, ChartSpec, SvgNode, chartSvg, describeChart, niceStep, valueAxis } from './assets/dashboard-charts.js';
import {
  CHARTS,
  INDICATOR_DISPLAY,
  defaultSelection,
  formatValue,
  indexCells,
  monthsOf,
  orgUnitLabel,
  orgUnitNames,
  orgUnitsByLevel,
  periodChoices,
  periodsFor,
  releaseChoices,
  releaseFacts,
  seriesFor,
  tableModel,
  yearsOf,
} from './assets/dashboard-data.js';

const cell = (
  orgUnitId: string,
  level: IndicatorCell['level'],
  period: string,
  indicator: IndicatorCell['indicator'],
  value: number | null,
  status: CellStatus = 'published',
  group: IndicatorCell['group'] = null,
): IndicatorCell => ({ orgUnitId, level, period, indicator, group, value: status === 'published' ? value : null, status });

// A small Guangrui district: the chain and its two stations, three years and a few months.
const cells: IndicatorCell[] = [
  cell('liangxi', 'district', '2005', 'newCitizensPresent', 1867),
  cell('liangxi', 'district', '2004', 'newCitizensPresent', 612),
  cell('liangxi', 'district', '2006', 'newCitizensPresent', 2410),
  cell('liangxi', 'district', '2004', 'disputes', 12),
  cell('liangxi', 'district', '2005', 'disputes', 15),
  cell('liangxi', 'district', '2006', 'disputes', null, 'suppressed-small'),
  cell('liangxi', 'district', '2005', 'volunteerHours', 9120.5),
  cell('liangxi', 'district', '2006', 'volunteerHours', 14850),
  cell('liangxi', 'district', '2005', 'feesEarnedFen', 1_234_50),
  cell('liangxi', 'district', '2006', 'feesEarnedFen', 3_012_000),
  cell('liangxi', 'district', '2005', 'surplusAllocatedFen', null, 'suppressed-complementary'),
  cell('liangxi', 'district', '2006', 'surplusAllocatedFen', 800_000),
  cell('liangxi', 'district', '2005', 'casesOpened', 40, 'published', 'rights-protection'),
  cell('liangxi', 'district', '2005', 'casesOpened', null, 'suppressed-small', 'safety'),
  cell('liangxi', 'district', '2005', 'casesOpened', 52),
  cell('liangxi', 'district', '2005-01', 'newCitizensPresent', 640),
  cell('liangxi', 'district', '2005-02', 'newCitizensPresent', 702),
  cell('liangxi', 'district', '2005-02', 'disputes', null, 'suppressed-small'),
  cell('guangrui', 'chain', '2005', 'newCitizensPresent', 1867),
  cell('guangyi', 'station', '2005', 'newCitizensPresent', 610),
  cell('guangrui-1', 'station', '2005', 'newCitizensPresent', 1257),
];

const release: IndicatorRelease = {
  releaseId: 'release-2',
  sequence: 2,
  issuedAt: '2013-12-31T16:00:00.000Z',
  computedAtPosition: 48_211,
  reason: 'scheduled',
  supersedes: 'release-1',
  contentHash: 'a'.repeat(64),
  hidden: { small: 3, complementary: 1 },
  cells,
};

/** Every node of an SVG tree that matches, depth first. */
function findAll(tree: SvgNode, match: (node: SvgNode) => boolean): SvgNode[] {
  const found = match(tree) ? [tree] : [];
  for (const child of tree.children) if (typeof child !== 'string') found.push(...findAll(child, match));
  return found;
}

/** The one node that matches; anything else fails the test. */
function only(tree: SvgNode, match: (node: SvgNode) => boolean): SvgNode {
  const found = findAll(tree, match);
  if (found.length !== 1) throw new Error(`expected one matching node, found ${found.length}`);
  return found[0] as SvgNode;
}

const text = (tree: SvgNode): string => tree.children.map((child) => (typeof child === 'string' ? child : text(child))).join('');
const withClass = (name: string) => (node: SvgNode) => String(node.attrs['class'] ?? '').split(' ').includes(name);

describe('shaping a release for the page', () => {
  it('is a release the feed contract accepts', () => {
    expect(indicatorReleaseSchema.parse(release)).toEqual(release);
  });

  it('names every indicator of the contract, and charts only indicators the contract has', () => {
    expect(Object.keys(INDICATOR_DISPLAY).sort()).toEqual([...INDICATOR_IDS].sort());
    expect(CHARTS.flatMap((chart) => chart.indicators).filter((id) => !(INDICATOR_IDS as string[]).includes(id))).toEqual([]);
  });

  it('lists the org units of each level, and starts at the widest one', () => {
    expect(orgUnitsByLevel(cells)).toEqual({ station: ['guangrui-1', 'guangyi'], chain: ['guangrui'], district: ['liangxi'] });
    expect(defaultSelection(cells)).toEqual({ level: 'district', orgUnitId: 'liangxi' });
    expect(defaultSelection(cells.filter((c) => c.level === 'station'))).toEqual({ level: 'station', orgUnitId: 'guangrui-1' });
    expect(defaultSelection([])).toBeNull();
  });

  it('offers the years side by side, or the months of a year that has monthly figures', () => {
    expect(yearsOf(cells, 'liangxi')).toEqual(['2004', '2005', '2006']);
    expect(monthsOf(cells, 'liangxi', '2005')).toEqual(['2005-01', '2005-02']);
    expect(periodChoices(cells, 'liangxi')).toEqual([
      { value: 'years', label: 'Years' },
      { value: '2005', label: 'Months of 2005' },
    ]);
    expect(periodChoices(cells, 'guangyi')).toEqual([{ value: 'years', label: 'Years' }]);
    expect(periodsFor(cells, 'liangxi', '2005')).toEqual(['2005-01', '2005-02']);
  });

  it('gives a series per year with suppressed and missing years told apart, and fen as yuan', () => {
    const index = indexCells(cells);
    const years = yearsOf(cells, 'liangxi');
    expect(seriesFor(index, 'liangxi', 'disputes', years)).toEqual([
      { period: '2004', value: 12, status: 'published' },
      { period: '2005', value: 15, status: 'published' },
      { period: '2006', value: null, status: 'suppressed-small' },
    ]);
    expect(seriesFor(index, 'liangxi', 'feesEarnedFen', years)).toEqual([
      { period: '2004', value: null, status: 'missing' },
      { period: '2005', value: 1234.5, status: 'published' },
      { period: '2006', value: 30120, status: 'published' },
    ]);
    // The per-group cells are rows of the table, never mixed into the total's series.
    expect(seriesFor(index, 'liangxi', 'casesOpened', ['2005'])).toEqual([{ period: '2005', value: 52, status: 'published' }]);
  });

  it('writes numbers as people read them', () => {
    expect(formatValue(1867, 'count')).toBe('1,867');
    expect(formatValue(9120.54, 'hours')).toBe('9,120.5');
    expect(formatValue(30120, 'yuan')).toBe('¥30,120.00');
    expect(formatValue(4.25, 'days')).toBe('4.3');
  });

  it('marks small-count and complementary suppression differently in the table, and missing figures apart from both', () => {
    const table = tableModel(cells, 'liangxi', yearsOf(cells, 'liangxi'));
    expect(table.periods).toEqual(['2004', '2005', '2006']);
    const row = (indicator: string, group: string | null = null) => table.rows.find((r) => r.indicator === indicator && r.group === group);
    expect(row('disputes')?.cells.map((c) => [c.text, c.status])).toEqual([
      ['12', 'published'],
      ['15', 'published'],
      ['≤4', 'suppressed-small'],
    ]);
    expect(row('surplusAllocatedFen')?.cells.map((c) => [c.text, c.status])).toEqual([
      ['–', 'missing'],
      ['hidden', 'suppressed-complementary'],
      ['¥8,000.00', 'published'],
    ]);
    expect(row('surplusAllocatedFen')?.cells[1]?.label).toMatch(/cannot be worked out from totals/);
    expect(row('casesOpened', 'safety')).toMatchObject({ label: 'Cases opened: safety', cells: [{ text: '–' }, { text: '≤4' }, { text: '–' }] });
  });

  it('orders the table rows as the feed lists its indicators, groups after their total', () => {
    const table = tableModel(cells, 'liangxi', ['2005']);
    expect(table.rows.map((r) => r.label)).toEqual([
      'New citizens present',
      'Cases opened',
      'Cases opened: rights-protection',
      'Cases opened: safety',
      'Disputes between new and old residents',
      'Verified volunteer hours',
      'Fees earned',
      'Surplus allocated',
    ]);
  });

  it('shows the months of a year with their own suppression', () => {
    const table = tableModel(cells, 'liangxi', monthsOf(cells, 'liangxi', '2005'));
    expect(table.rows.find((r) => r.indicator === 'disputes')?.cells.map((c) => c.text)).toEqual(['–', '≤4']);
  });

  it('states the release’s sequence, time, log position and hash', () => {
    expect(releaseFacts(release)).toEqual(
      expect.arrayContaining([
        { term: 'Sequence', detail: '2' },
        { term: 'Issued at', detail: '2013-12-31T16:00:00.000Z' },
        { term: 'Computed at log position', detail: '48211' },
        { term: 'Content hash (SHA-256)', detail: 'a'.repeat(64) },
        { term: 'Cells hidden', detail: '3 small counts, 1 complementary' },
      ]),
    );
  });
});

describe('naming the org units', () => {
  // What GET /org/units of the read side answers a district analyst of Liangxi.
  const answer = {
    units: [
      { id: 'liangxi', kind: 'district', parentId: null, name: 'Liangxi District' },
      { id: 'guangrui', kind: 'center', parentId: 'liangxi', name: 'Guangrui New Citizen Service Center' },
      { id: 'guangrui-1', kind: 'station', parentId: 'guangrui', name: 'Guangrui No.1 Village station' },
    ],
  };

  it('names each unit of the feed that the read side names, and shows the id of any other', () => {
    const names = orgUnitNames(answer);
    expect(orgUnitsByLevel(cells).station.map((id) => orgUnitLabel(names, id))).toEqual(['Guangrui No.1 Village station', 'guangyi']);
    expect(orgUnitLabel(names, 'liangxi', 'district liangxi')).toBe('Liangxi District');
    expect(orgUnitLabel(names, 'guangyi', 'station guangyi')).toBe('station guangyi');
  });

  it('falls back to ids when the names could not be read or make no sense', () => {
    for (const failed of [null, [], { units: 'none' }, { problem: 'forbidden' }]) expect(orgUnitNames(failed).size).toBe(0);
    const odd = orgUnitNames({ units: [null, { id: 'guangyi' }, { id: 7, name: 'Seven' }, { id: 'guangrui', name: '  ' }, answer.units[0]] });
    expect([...odd]).toEqual([['liangxi', 'Liangxi District']]);
  });
});

describe('choosing a release', () => {
  it('lists the feed’s releases newest first and marks the latest', () => {
    const list = {
      releases: [
        { releaseId: 'release-1', sequence: 1, issuedAt: '2012-12-31T16:00:00.000Z', cellCount: 10 },
        { releaseId: 'release-3', sequence: 3, issuedAt: '2014-01-02T02:00:00.000Z', cellCount: 12 },
        { releaseId: 'release-2', sequence: 2, issuedAt: '2013-12-31T16:00:00.000Z', cellCount: 11 },
      ],
    };
    expect(releaseChoices(list, release)).toEqual([
      { value: 'release-3', label: 'Release 3, issued 2014-01-02T02:00:00.000Z (latest)', sequence: 3 },
      { value: 'release-2', label: 'Release 2, issued 2013-12-31T16:00:00.000Z', sequence: 2 },
      { value: 'release-1', label: 'Release 1, issued 2012-12-31T16:00:00.000Z', sequence: 1 },
    ]);
  });

  it('still offers the release on show when the list could not be read', () => {
    expect(releaseChoices([], release)).toEqual([{ value: 'release-2', label: 'Release 2, issued 2013-12-31T16:00:00.000Z (latest)', sequence: 2 }]);
    expect(releaseChoices({ releases: [{ releaseId: 7 }] }, release).map((choice) => choice.value)).toEqual(['release-2']);
  });
});

describe('drawing a chart', () => {
  const index = indexCells(cells);
  const years = yearsOf(cells, 'liangxi');
  const spec = (id: string, kind: 'line' | 'bar', unit: string, indicators: string[]): ChartSpec => ({
    id,
    title: id,
    kind,
    unit,
    subject: 'district liangxi',
    series: indicators.map((indicator) => ({ name: INDICATOR_DISPLAY[indicator]?.label ?? indicator, points: seriesFor(index, 'liangxi', indicator, years) })),
  });
  const baseline = CHART_BOX.height - CHART_BOX.bottom;

  it('chooses round axis steps, whole ones for counts', () => {
    expect([0.3, 1, 1.7, 2.2, 4, 7, 130].map(niceStep)).toEqual([0.5, 1, 2, 2.5, 5, 10, 200]);
    expect(valueAxis(15, 'count')).toEqual({ top: 15, ticks: [0, 5, 10, 15] });
    expect(valueAxis(1867, 'count')).toEqual({ top: 2000, ticks: [0, 500, 1000, 1500, 2000] });
    expect(valueAxis(2, 'count')).toEqual({ top: 2, ticks: [0, 1, 2] });
    expect(valueAxis(2, 'hours')).toEqual({ top: 2, ticks: [0, 0.5, 1, 1.5, 2] });
    expect(valueAxis(0, 'count')).toEqual({ top: 1, ticks: [0, 1] });
  });

  it('draws a bar per published year, as tall as its value, and a mark where the figure is suppressed', () => {
    const svg = chartSvg(spec('disputes', 'bar', 'count', ['disputes']));
    const bars = findAll(svg, withClass('bar'));
    expect(bars.map((bar) => [bar.attrs['data-period'], bar.attrs['data-value']])).toEqual([
      ['2004', 12],
      ['2005', 15],
    ]);
    const [height2004, height2005] = bars.map((bar) => Number(bar.attrs['height']));
    expect(Number(height2004) / Number(height2005)).toBeCloseTo(12 / 15, 2);
    // Bars stand on the baseline.
    expect(bars.map((bar) => Number(bar.attrs['y']) + Number(bar.attrs['height']))).toEqual([baseline, baseline]);
    const marks = findAll(svg, withClass('suppressed'));
    expect(marks.map((mark) => [mark.attrs['data-period'], mark.attrs['data-status'], text(only(mark, withClass('suppressed-label')))])).toEqual([
      ['2006', 'suppressed-small', '≤4'],
    ]);
  });

  it('draws a line through consecutive published years, breaking it where a year is not published', () => {
    const gapped = chartSvg(spec('fees', 'line', 'yuan', ['surplusAllocatedFen', 'disputes']));
    const lines = findAll(gapped, withClass('line'));
    // Surplus: only 2006 is published, a single point; disputes: 2004–2005 joined, 2006 suppressed.
    expect(lines.map((line) => String(line.attrs['d']).match(/[ML]/g)?.join(''))).toEqual(['M', 'ML']);
    const present = chartSvg(spec('present', 'line', 'count', ['newCitizensPresent']));
    const points = findAll(present, withClass('point'));
    expect(points.map((point) => point.attrs['data-value'])).toEqual([612, 1867, 2410]);
    // Higher figures are drawn higher up, where SVG's y is smaller.
    const ys = points.map((point) => Number(point.attrs['cy']));
    expect([...ys].sort((a, b) => b - a)).toEqual(ys);
    expect(new Set(ys).size).toBe(3);
  });

  it('puts the bars of two series side by side, with a legend naming them', () => {
    const svg = chartSvg(spec('fees', 'bar', 'yuan', ['feesEarnedFen', 'surplusAllocatedFen']));
    const fees = only(svg, (n) => n.attrs['data-series'] === 'Fees earned');
    const surplus = only(svg, (n) => n.attrs['data-series'] === 'Surplus allocated');
    const fees2006 = only(fees, (n) => withClass('bar')(n) && n.attrs['data-period'] === '2006');
    const surplus2006 = only(surplus, (n) => withClass('bar')(n) && n.attrs['data-period'] === '2006');
    expect(Number(fees2006.attrs['x']) + Number(fees2006.attrs['width'])).toBeLessThanOrEqual(Number(surplus2006.attrs['x']));
    expect(findAll(svg, withClass('legend-label')).map(text)).toEqual(['Fees earned', 'Surplus allocated']);
    expect(findAll(surplus, withClass('suppressed-complementary')).map((mark) => mark.attrs['data-period'])).toEqual(['2005']);
  });

  it('labels the drawing for screen readers with every figure it shows and why the others are missing', () => {
    const chart = spec('disputes', 'bar', 'count', ['disputes']);
    const svg = chartSvg(chart);
    expect(svg.attrs).toMatchObject({ role: 'img', 'aria-labelledby': 'disputes-title disputes-desc', 'data-periods': 3 });
    expect(findAll(svg, (n) => n.attrs['id'] === 'disputes-title').map(text)).toEqual(['disputes, district liangxi']);
    expect(findAll(svg, (n) => n.attrs['id'] === 'disputes-desc').map(text)).toEqual([describeChart(chart)]);
    expect(describeChart(chart)).toBe(
      'disputes, district liangxi. Disputes between new and old residents: 2004 12; 2005 15; 2006 suppressed: a count from 1 to 4.',
    );
  });

  it('says so when a unit has no figures at all', () => {
    const svg = chartSvg({ id: 'empty', title: 'Disputes', kind: 'bar', unit: 'count', subject: 'station guangyi', series: [{ name: 'Disputes', points: [] }] });
    expect(findAll(svg, withClass('empty')).map(text)).toEqual(['No figures in this release']);
    expect(describeChart({ id: 'empty', title: 'Disputes', kind: 'bar', unit: 'count', subject: 'station guangyi', series: [{ name: 'Disputes', points: [] }] })).toBe(
      'Disputes, station guangyi: no figures in this release.',
    );
  });
});
