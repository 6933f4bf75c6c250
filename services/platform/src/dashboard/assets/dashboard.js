// @ts-check
// The district dashboard's page logic: asks for a token, reads a release of the district feed with it, and draws
// the charts and the table. Everything it shows comes from the token-protected feed; the page itself is public.

import { chartSvg } from './dashboard-charts.js';
import {
  CHARTS,
  LEVELS,
  SUPPRESSION_MARKS,
  defaultSelection,
  displayOf,
  indexCells,
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
} from './dashboard-data.js';

/** @typedef {import('./dashboard-data.js').IndicatorRelease} IndicatorRelease */
/** @typedef {import('./dashboard-data.js').FeedLevel} FeedLevel */
/** @typedef {import('./dashboard-charts.js').SvgNode} SvgNode */
/** @typedef {import('./dashboard-data.js').ReleaseChoice} ReleaseChoice */

const FEED = '/district/indicators/releases';
// The feed names org units by id; the read side names the ones this token may see.
const ORG_UNITS = '/org/units';
// sessionStorage, not localStorage: the token dies with the tab and never outlives the person's session.
const TOKEN_KEY = 'kinship.dashboard.token';
const SVG_NS = 'http://www.w3.org/2000/svg';
const LEVEL_NAMES = { station: 'Station', chain: 'Chain (service center)', district: 'District' };
const UNIT_NAMES = { count: 'people or events', hours: 'hours', days: 'days', yuan: 'yuan (元)' };

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page lacks #${id}`);
  return /** @type {T} */ (element);
}

const ui = {
  tokenForm: /** @type {HTMLFormElement} */ (byId('token-form')),
  token: /** @type {HTMLInputElement} */ (byId('token')),
  forget: /** @type {HTMLButtonElement} */ (byId('forget-token')),
  status: byId('status'),
  content: byId('content'),
  releaseSelect: /** @type {HTMLSelectElement} */ (byId('release-select')),
  releaseFacts: byId('release-facts'),
  level: /** @type {HTMLSelectElement} */ (byId('level')),
  orgUnit: /** @type {HTMLSelectElement} */ (byId('org-unit')),
  periods: /** @type {HTMLSelectElement} */ (byId('periods')),
  charts: byId('charts'),
  tableCaption: byId('table-caption'),
  table: /** @type {HTMLTableElement} */ (byId('indicator-table')),
  legend: byId('legend'),
};

/**
 * @type {{ release: IndicatorRelease | null, releases: ReleaseChoice[], names: Map<string, string>, level: FeedLevel,
 *   orgUnitId: string, periods: string }}
 */
const state = { release: null, releases: [], names: new Map(), level: 'district', orgUnitId: '', periods: 'years' };

class FeedError extends Error {}

/**
 * @param {string} path
 * @returns {Promise<unknown>}
 */
async function fetchFeed(path) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new FeedError('Paste an access token first.');
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  if (response.ok) return response.json();
  let detail = '';
  try {
    const problem = await response.json();
    detail = typeof problem?.detail === 'string' ? ` ${problem.detail}` : '';
  } catch {
    // A body that is not problem+json adds nothing the status does not already say.
  }
  if (response.status === 401) {
    // A refused token is of no further use: the next visit asks for a new one instead of failing again.
    sessionStorage.removeItem(TOKEN_KEY);
    throw new FeedError(`The token was refused (expired or not valid).${detail}`);
  }
  if (response.status === 403) throw new FeedError(`This token may not read the district feed: district analysts and center managers may.${detail}`);
  if (response.status === 404) throw new FeedError(`No release of the district feed has been issued yet.${detail}`);
  throw new FeedError(`The feed answered ${response.status}.${detail}`);
}

/**
 * @param {string} text
 * @param {'ready' | 'loading' | 'error' | 'signed-out'} pageState
 */
function setStatus(text, pageState) {
  ui.status.textContent = text;
  document.body.dataset['state'] = pageState;
}

/** @param {string | null} releaseId */
async function load(releaseId) {
  setStatus('Loading the district feed…', 'loading');
  try {
    const [release, list, named] = await Promise.all([
      fetchFeed(`${FEED}/${releaseId === null ? 'latest' : encodeURIComponent(releaseId)}`),
      // The list only feeds the release picker: without it the page still shows the release it has.
      fetchFeed(FEED).catch(() => []),
      // Names only label what the feed shows: without them the page shows ids.
      fetchFeed(ORG_UNITS).catch(() => null),
    ]);
    state.release = /** @type {IndicatorRelease} */ (release);
    state.releases = releaseChoices(list, state.release);
    state.names = orgUnitNames(named);
    const units = orgUnitsByLevel(state.release.cells);
    if (!units[state.level].includes(state.orgUnitId)) {
      const first = defaultSelection(state.release.cells);
      if (first) Object.assign(state, first);
    }
    renderAll();
    const cells = state.release.cells.length;
    setStatus(`Release ${state.release.sequence} loaded: ${cells.toLocaleString('en-US')} cells.`, 'ready');
  } catch (error) {
    ui.content.hidden = state.release === null;
    setStatus(error instanceof FeedError ? error.message : `The feed could not be read: ${String(error)}`, 'error');
  }
}

function renderAll() {
  const release = state.release;
  if (!release) return;
  ui.content.hidden = false;
  replaceOptions(ui.releaseSelect, state.releases, release.releaseId);
  ui.releaseFacts.replaceChildren(
    ...releaseFacts(release).flatMap(({ term, detail }) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = detail;
      if (term.startsWith('Content hash')) dd.className = 'hash';
      return [dt, dd];
    }),
  );
  const units = orgUnitsByLevel(release.cells);
  replaceOptions(
    ui.level,
    LEVELS.filter((level) => units[level].length > 0).map((level) => ({ value: level, label: LEVEL_NAMES[level] })),
    state.level,
  );
  replaceOptions(
    ui.orgUnit,
    units[state.level].map((id) => ({ value: id, label: orgUnitLabel(state.names, id) })),
    state.orgUnitId,
  );
  const choices = periodChoices(release.cells, state.orgUnitId);
  if (!choices.some((c) => c.value === state.periods)) state.periods = 'years';
  replaceOptions(ui.periods, choices, state.periods);
  renderCharts(release);
  renderTable(release);
}

/**
 * @param {HTMLSelectElement} select
 * @param {{ value: string, label: string }[]} options
 * @param {string} selected
 */
function replaceOptions(select, options, selected) {
  select.replaceChildren(
    ...options.map(({ value, label }) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      option.selected = value === selected;
      return option;
    }),
  );
}

/**
 * What the charts and the table are about: the unit's name, or its level and id where the name is unknown.
 * @param {string} orgUnitId
 * @returns {string}
 */
function subjectOf(orgUnitId) {
  return orgUnitLabel(state.names, orgUnitId, `${LEVEL_NAMES[state.level].toLowerCase()} ${orgUnitId}`);
}

/**
 * @param {SvgNode | string} tree
 * @returns {Node}
 */
function toDom(tree) {
  if (typeof tree === 'string') return document.createTextNode(tree);
  const element = document.createElementNS(SVG_NS, tree.tag);
  for (const [name, value] of Object.entries(tree.attrs)) element.setAttribute(name, String(value));
  for (const child of tree.children) element.appendChild(toDom(child));
  return element;
}

/** @param {IndicatorRelease} release */
function renderCharts(release) {
  const index = indexCells(release.cells);
  const years = yearsOf(release.cells, state.orgUnitId);
  const subject = subjectOf(state.orgUnitId);
  ui.charts.replaceChildren(
    ...CHARTS.map((chart) => {
      const figure = document.createElement('figure');
      figure.className = 'chart-figure';
      const caption = document.createElement('figcaption');
      const heading = document.createElement('h3');
      heading.textContent = chart.title;
      const unit = document.createElement('span');
      unit.className = 'chart-unit';
      unit.textContent = `in ${/** @type {Record<string, string>} */ (UNIT_NAMES)[chart.unit] ?? chart.unit}`;
      caption.append(heading, unit);
      const svg = chartSvg({
        id: `chart-${chart.id}`,
        title: chart.title,
        kind: chart.kind,
        unit: chart.unit,
        subject,
        series: chart.indicators.map((indicator) => ({ name: displayOf(indicator).label, points: seriesFor(index, state.orgUnitId, indicator, years) })),
      });
      figure.append(caption, toDom(svg));
      return figure;
    }),
  );
}

/** @param {IndicatorRelease} release */
function renderTable(release) {
  const periods = periodsFor(release.cells, state.orgUnitId, state.periods);
  const model = tableModel(release.cells, state.orgUnitId, periods);
  const choice = ui.periods.selectedOptions[0]?.textContent ?? 'Years';
  ui.tableCaption.textContent = `Indicators of ${subjectOf(state.orgUnitId)}, ${choice.toLowerCase()}, release ${release.sequence}`;

  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const text of ['Indicator', 'Unit', ...model.periods]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    headRow.append(th);
  }
  head.append(headRow);

  const body = document.createElement('tbody');
  for (const row of model.rows) {
    const tr = document.createElement('tr');
    tr.dataset['indicator'] = row.indicator;
    if (row.group !== null) tr.dataset['group'] = row.group;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = row.label;
    const unit = document.createElement('td');
    unit.textContent = row.unit;
    tr.append(th, unit);
    for (const cell of row.cells) {
      const td = document.createElement('td');
      td.dataset['period'] = cell.period;
      td.dataset['status'] = cell.status;
      if (cell.status === 'published') {
        td.textContent = cell.text;
      } else {
        // The visible mark is short; the hidden text says what it means to someone who cannot see the legend.
        const mark = document.createElement('span');
        mark.className = `mark ${cell.status}`;
        mark.title = cell.label;
        mark.setAttribute('aria-hidden', 'true');
        mark.textContent = cell.text;
        const spoken = document.createElement('span');
        spoken.className = 'visually-hidden';
        spoken.textContent = cell.label;
        td.append(mark, spoken);
      }
      tr.append(td);
    }
    body.append(tr);
  }
  if (model.rows.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = model.periods.length + 2;
    td.textContent = 'No figures for this unit and these periods.';
    tr.append(td);
    body.append(tr);
  }
  ui.table.replaceChildren(ui.table.caption ?? ui.tableCaption, head, body);
}

function renderLegend() {
  ui.legend.replaceChildren(
    ...Object.entries(SUPPRESSION_MARKS).flatMap(([status, mark]) => {
      const dt = document.createElement('dt');
      const sample = document.createElement('span');
      sample.className = `mark ${status}`;
      sample.textContent = mark.text;
      dt.append(sample);
      const dd = document.createElement('dd');
      dd.textContent = mark.legend;
      return [dt, dd];
    }),
  );
}

ui.tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = ui.token.value.trim();
  if (!token) {
    setStatus('Paste an access token first.', 'error');
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  ui.token.value = '';
  void load(null);
});

ui.forget.addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  state.release = null;
  state.names = new Map();
  ui.content.hidden = true;
  // Hidden is not gone: the figures leave the page with the token.
  for (const element of [ui.releaseFacts, ui.charts, ui.table.tBodies[0], ui.table.tHead]) element?.replaceChildren();
  setStatus('Token forgotten. Paste a token to read the feed again.', 'signed-out');
});

ui.releaseSelect.addEventListener('change', () => void load(ui.releaseSelect.value));

ui.level.addEventListener('change', () => {
  state.level = /** @type {FeedLevel} */ (ui.level.value);
  state.orgUnitId = state.release ? (orgUnitsByLevel(state.release.cells)[state.level][0] ?? '') : '';
  renderAll();
});

ui.orgUnit.addEventListener('change', () => {
  state.orgUnitId = ui.orgUnit.value;
  renderAll();
});

ui.periods.addEventListener('change', () => {
  state.periods = ui.periods.value;
  if (state.release) renderTable(state.release);
});

renderLegend();
if (sessionStorage.getItem(TOKEN_KEY)) void load(null);
else setStatus('Paste an access token to read the district feed.', 'signed-out');
