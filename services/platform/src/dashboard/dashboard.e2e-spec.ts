import { IndicatorCell, IndicatorRelease } from '@kinship/contracts';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { issueToken } from '../cli/cli';
import { loadConfig } from '../embedded/config';
import { RunningPlatform, startPlatform } from '../embedded/start-platform';
import { readModelsCaughtUp, simulateHistory } from '../simulate/simulate-history';
import { CHARTS } from './assets/dashboard-data.js';
import { DASHBOARD_ROUTE } from './dashboard.module';

/** Debian's chromium, driven by playwright-core (which downloads no browser of its own). */
const CHROMIUM = process.env['KINSHIP_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT_DIR = resolve(__dirname, '../../../../tmp/dashboard');
const TITLE = 'the district dashboard in Chromium';
// The Guangrui history from the council's founding (May 2004) to February 2005: two years on every chart, and a
// young year whose small counts (disputes of two months) are suppressed. The whole history takes minutes.
const HISTORY_UNTIL = '2005-02';

/** The org units, years and indicators the page shows by default: the district's totals per year. */
const yearly = (release: IndicatorRelease, orgUnitId: string, indicator: string): IndicatorCell[] =>
  release.cells
    .filter((c) => c.orgUnitId === orgUnitId && c.indicator === indicator && c.group === null && /^\d{4}$/.test(c.period))
    .sort((a, b) => a.period.localeCompare(b.period));

const skipReason = existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
if (skipReason) process.stdout.write(`[e2e] SKIPPED ${TITLE}: ${skipReason}\n`);
const suite = skipReason ? describe.skip : describe;

suite(skipReason ? `${TITLE} [skipped, ${skipReason}]` : TITLE, () => {
  let dataDir: string;
  let platform: RunningPlatform;
  let browser: Browser;
  let analyst: string;
  let manager: string;
  let release: IndicatorRelease;
  const problems: string[] = [];

  const call = async (path: string, token: string, method = 'GET') => {
    const response = await fetch(`${platform.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };

  /** A page that records every script error and every Content-Security-Policy refusal, which must stay none. */
  const openPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[134]/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${platform.url}${DASHBOARD_ROUTE}`);
    return page;
  };

  /** The name the platform's org directory gives a unit, read as the page reads it. */
  const nameOf = (orgUnitId: string): string => {
    const name = orgUnitNames.get(orgUnitId);
    if (!name) throw new Error(`the org units name no ${orgUnitId}`);
    return name;
  };
  let orgUnitNames: Map<string, string>;

  const signIn = async (page: Page, token: string) => {
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Load indicators' }).click();
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]');
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kinship-dashboard-'));
    const config = loadConfig({ flags: { 'data-dir': dataDir, port: '0', 'demo-residents': '0', 'log-level': 'silent' }, env: {} });
    const { districtId } = config;
    // The platform as `./kinship start` runs it (the dashboard included), without seeding: the test tells its own history.
    platform = await startPlatform(config);
    await simulateHistory(platform.app, platform.infra.events, { seed: 2004, until: HISTORY_UNTIL });
    // A release counts what the projection has applied: every read model reaches the head of the log first.
    await readModelsCaughtUp(platform.app);
    analyst = await issueToken(config, 'district-analyst', districtId);
    manager = await issueToken(config, 'center-manager', 'guangrui');
    await call('/district/indicators/releases', analyst, 'POST');
    release = (await call('/district/indicators/releases/latest', analyst)) as IndicatorRelease;
    const { units } = (await call('/org/units', analyst)) as { units: Array<{ id: string; name: string }> };
    orgUnitNames = new Map(units.map((unit) => [unit.id, unit.name]));

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('loads the page without a token and asks for one', async () => {
    const page = await openPage();
    await page.waitForSelector('body[data-state="signed-out"]');
    expect(await page.getByRole('status').textContent()).toContain('Paste an access token');
    expect(await page.locator('#content').isHidden()).toBe(true);
    // The Content-Security-Policy holds in the browser: a script injected into the page does not run.
    const refused = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true });
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    })`);
    expect(refused).toBe('script-src-elem');
    expect(await page.evaluate('window.injected === undefined')).toBe(true);
    expect(problems.splice(0)).toEqual([expect.stringMatching(/inline script violates the following Content Security Policy directive/)]);
    await page.close();
  });

  it('draws the district’s charts from the latest release, with its figures, and saves a screenshot', async () => {
    const page = await openPage();
    await signIn(page, analyst);
    expect(await page.getByRole('status').textContent()).toBe(`Release ${release.sequence} loaded: ${release.cells.length.toLocaleString('en-US')} cells.`);

    const facts = await page.locator('#release-facts dd').allTextContents();
    expect(facts).toEqual(expect.arrayContaining([String(release.sequence), release.issuedAt, String(release.computedAtPosition), release.contentHash]));
    expect(await page.getByLabel('Level').inputValue()).toBe('district');
    const district = await page.getByLabel('Station, chain or district').inputValue();
    expect(district).toBe('liangxi');
    // The feed carries ids; the page names the units from the read side's org units.
    expect(await page.getByLabel('Station, chain or district').locator('option:checked').textContent()).toBe(nameOf(district));
    expect(await page.locator('#table-caption').textContent()).toMatch(/^Indicators of Liangxi District, years, release \d+$/);

    // New citizens present: one point per year with a published figure, at that figure.
    const present = yearly(release, district, 'newCitizensPresent');
    const published = present.filter((c) => c.status === 'published');
    expect(published.length).toBeGreaterThan(1);
    const chart = page.locator('svg[data-chart="chart-new-citizens"]');
    expect(Number(await chart.getAttribute('data-periods'))).toBe(present.length);
    expect(await chart.locator('#chart-new-citizens-title').textContent()).toBe('New citizens present, Liangxi District');
    const points = await chart.locator('circle.point').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-period'), Number(n.getAttribute('data-value'))]));
    expect(points).toEqual(published.map((c) => [c.period, c.value]));
    const path = await chart.locator('path.line').first().getAttribute('d');
    expect(path?.match(/[ML]/g)?.length).toBeGreaterThan(1);
    // The drawing is there in pixels too, not only in the DOM.
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    // Its text alternative names the figures it draws.
    const description = await chart.locator('desc').textContent();
    for (const cell of published) expect(description).toContain(`${cell.period} ${Number(cell.value).toLocaleString('en-US')}`);
    expect(await chart.getAttribute('role')).toBe('img');

    // Every chart draws each series' published figures (fen as yuan) and marks each suppressed one, year by year.
    for (const { id, indicators } of CHARTS) {
      const svg = page.locator(`svg[data-chart="chart-${id}"]`);
      const drawn = await svg.locator('.bar, .point').evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-period')} ${n.getAttribute('data-value')}`));
      const marked = await svg.locator('g.suppressed').evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-period')} ${n.getAttribute('data-status')}`));
      const cells = indicators.flatMap((indicator) => yearly(release, district, indicator).map((c) => ({ ...c, value: c.value === null || !indicator.endsWith('Fen') ? c.value : c.value / 100 })));
      expect({ id, drawn, marked }).toEqual({
        id,
        drawn: cells.filter((c) => c.status === 'published').map((c) => `${c.period} ${c.value}`),
        marked: cells.filter((c) => c.status !== 'published').map((c) => `${c.period} ${c.status}`),
      });
    }
    const volunteerHours = yearly(release, district, 'volunteerHours').filter((c) => c.status === 'published' && Number(c.value) > 0);
    expect(volunteerHours.length).toBeGreaterThan(0);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const screenshot = join(SCREENSHOT_DIR, 'district-dashboard.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    process.stdout.write(`[e2e] dashboard screenshot: ${screenshot}\n`);
    expect(existsSync(screenshot)).toBe(true);
    await page.close();
  });

  it('marks suppressed cells in the table, telling small counts from complementary suppression', async () => {
    const suppressed = release.cells.filter((c) => c.status !== 'published' && c.group === null);
    expect(suppressed.length).toBeGreaterThan(0);
    const page = await openPage();
    await signIn(page, analyst);
    for (const status of ['suppressed-small', 'suppressed-complementary'] as const) {
      const cell = suppressed.find((c) => c.status === status);
      if (!cell) continue;
      await page.getByLabel('Level').selectOption(cell.level);
      await page.getByLabel('Station, chain or district').selectOption(cell.orgUnitId);
      await page.getByLabel('Periods').selectOption(cell.period.length === 4 ? 'years' : cell.period.slice(0, 4));
      const td = page.locator(`#indicator-table tr[data-indicator="${cell.indicator}"]:not([data-group]) td[data-period="${cell.period}"]`);
      expect(await td.getAttribute('data-status')).toBe(status);
      expect(await td.locator('.mark').textContent()).toBe(status === 'suppressed-small' ? '≤4' : 'hidden');
      expect(await td.locator('.visually-hidden').textContent()).toMatch(status === 'suppressed-small' ? /1 to 4/ : /totals/);
    }
    // The table's numbers are the release's: no suppressed figure slips into a cell.
    const shown = await page.locator('#indicator-table td[data-status="published"]').count();
    expect(shown).toBeGreaterThan(0);
    expect(await page.locator('#legend').textContent()).toMatch(/1 to 4.*recovered from totals/s);
    const screenshot = join(SCREENSHOT_DIR, 'district-dashboard-table.png');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.locator('section:has(#indicator-table)').screenshot({ path: screenshot });
    process.stdout.write(`[e2e] dashboard table screenshot: ${screenshot}\n`);
    await page.close();
  });

  it('shows a center manager their own chain only, and keeps the token for the tab until it is forgotten', async () => {
    const page = await openPage();
    await signIn(page, manager);
    const levels = await page.getByLabel('Level').locator('option').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('value')));
    expect(levels).not.toContain('district');
    expect(levels).toContain('chain');
    expect(await page.getByLabel('Station, chain or district').inputValue()).toBe('guangrui');
    const unitNames = () => page.getByLabel('Station, chain or district').locator('option').allTextContents();
    expect(await unitNames()).toEqual(['Guangrui New Citizen Service Center']);
    await page.getByLabel('Level').selectOption('station');
    expect(await unitNames()).toEqual(['guangrui-1', 'guangyi'].map(nameOf));

    // The token lasts as long as the tab: a reload reads the feed again without asking…
    await page.reload();
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.locator('svg.chart').count()).toBe(CHARTS.length);
    // …until it is forgotten, and the figures leave the page with it.
    await page.getByRole('button', { name: 'Forget token' }).click();
    await page.waitForSelector('body[data-state="signed-out"]');
    expect(await page.locator('svg.chart').count()).toBe(0);
    expect(await page.locator('#indicator-table td').count()).toBe(0);
    expect(await page.evaluate(`sessionStorage.length`)).toBe(0);
    await page.close();
  });

  it('says so when the token is refused, and keeps no data on the page', async () => {
    const page = await openPage();
    await signIn(page, `${analyst.slice(0, -4)}AAAA`);
    expect(await page.getByRole('status').textContent()).toMatch(/token was refused/);
    expect(await page.locator('#content').isHidden()).toBe(true);
    expect(await page.evaluate(`sessionStorage.length`)).toBe(0);
    await page.close();
  });
});
