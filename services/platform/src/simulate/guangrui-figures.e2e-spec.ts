import { IndicatorCell, IndicatorId, IndicatorRelease } from '@kinship/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '../cli/cli';
import { EmbeddedConfig, loadConfig } from '../embedded/config';
import { RunningPlatform, startPlatform } from '../embedded/start-platform';
import { readModelsCaughtUp, simulateHistory, SimulationResult } from './simulate-history';

/**
 * The figures of the domain brief, read from the district feed after the whole history (May 2004 to mid-2013) has
 * been told through the services: what the district sees, not what the simulator meant. The full history takes
 * about a minute on an idle two-core machine; the timeout leaves room for a busy one.
 */
jest.setTimeout(600_000);

describe('the district feed after the Guangrui history', () => {
  let dataDir: string;
  let config: EmbeddedConfig;
  let platform: RunningPlatform;
  let history: SimulationResult;
  let release: IndicatorRelease;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kinship-figures-'));
    config = loadConfig({ flags: { 'data-dir': dataDir, port: '0', 'demo-residents': '0', 'log-level': 'silent' }, env: {} });
    platform = await startPlatform(config);
    history = await simulateHistory(platform.app, platform.infra.events, { seed: 2004, pauseReadModels: true });
    // Tens of thousands of events for every read model: on a loaded 2-core machine catching up takes minutes.
    await readModelsCaughtUp(platform.app, 480_000);
    const operator = await issueToken(config, 'operator', 'liangxi');
    const issued = await fetch(`${platform.url}/district/indicators/releases`, { method: 'POST', headers: { authorization: `Bearer ${operator}` } });
    expect(issued.status).toBe(201);
    const analyst = await issueToken(config, 'district-analyst', 'liangxi');
    const latest = await fetch(`${platform.url}/district/indicators/releases/latest`, { headers: { authorization: `Bearer ${analyst}` } });
    expect(latest.status).toBe(200);
    release = (await latest.json()) as IndicatorRelease;
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cell = (orgUnitId: string, period: string, indicator: IndicatorId, group: string | null = null): IndicatorCell => {
    const found = release.cells.find((c) => c.orgUnitId === orgUnitId && c.period === period && c.indicator === indicator && c.group === group);
    if (!found) throw new Error(`The feed has no ${indicator}${group ? `/${group}` : ''} cell for ${orgUnitId} ${period}`);
    return found;
  };
  const value = (orgUnitId: string, period: string, indicator: IndicatorId, group: string | null = null): number => {
    const found = cell(orgUnitId, period, indicator, group);
    if (found.status !== 'published' || found.value === null) throw new Error(`${indicator} of ${orgUnitId} ${period} is ${found.status}`);
    return found.value;
  };
  const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

  it('was told through the services: tens of thousands of commands, every one of them accepted', () => {
    expect(history.commands).toBeGreaterThan(30_000);
    expect(history.events).toBeGreaterThan(history.commands);
    expect(history.censusRecorded).toBe(true);
    expect(release.computedAtPosition).toBeGreaterThanOrEqual(history.events);
  });

  it('counts 600+ new citizens at Guangrui No.1 Village when the council was founded (May 2004)', () => {
    expect(value('guangrui-1', '2004-05', 'newCitizensPresent')).toBeGreaterThanOrEqual(600);
  });

  it('counts 1,867 a year later and 4,613 by mid-2013', () => {
    expect(value('guangrui-1', '2005-05', 'newCitizensPresent')).toBe(1867);
    expect(value('guangrui-1', '2013-06', 'newCitizensPresent')).toBe(4613);
  });

  it('counts them among 9,817 community residents (the census)', () => {
    expect(value('guangrui-1', '2013-06', 'communityResidents')).toBe(9817);
  });

  it('shows 60+ new citizens helped with school, jobs and renting in the council’s first year', () => {
    expect(value('guangrui-1', '2004', 'casesOpened', 'services')).toBeGreaterThanOrEqual(60);
  });

  it('shows 15 disputes between new and old residents in 2005, falling about 30% a year', () => {
    expect(value('guangrui-1', '2005', 'disputes')).toBe(15);
    const visible = years(2005, 2010).filter((year) => cell('guangrui-1', year, 'disputes').status === 'published');
    expect(visible.length).toBeGreaterThanOrEqual(4);
    for (const [i, year] of visible.entries()) {
      if (i === 0) continue;
      const fall = 1 - value('guangrui-1', year, 'disputes') / value('guangrui-1', visible[i - 1] as string, 'disputes');
      expect(fall).toBeGreaterThanOrEqual(0.15);
      expect(fall).toBeLessThanOrEqual(0.45);
    }
  });

  it('hides the 3 disputes of 2010 as a small count (1 to 4 are never published)', () => {
    expect(cell('guangrui-1', '2010', 'disputes')).toMatchObject({ status: 'suppressed-small', value: null });
  });

  it('shows no dispute at all from 2011 to mid-2013, at either station', () => {
    for (const station of ['guangrui-1', 'guangyi']) {
      for (const year of ['2011', '2012', '2013']) expect(value(station, year, 'disputes')).toBe(0);
    }
  });

  it('keeps a volunteer team of 160+ at first and 165 later, each giving over 90 verified hours a year', () => {
    expect(value('guangrui-1', '2004', 'activeVolunteers')).toBeGreaterThanOrEqual(160);
    for (const year of years(2005, 2012)) {
      expect(value('guangrui-1', year, 'activeVolunteers')).toBe(165);
      expect(value('guangrui-1', year, 'volunteerHours') / 165).toBeGreaterThan(90);
    }
  });

  it('pairs 45 volunteers with vulnerable households and pays them over 30,000 yuan of aid', () => {
    expect(value('guangrui-1', '2012', 'activePairings')).toBe(45);
    const aid = years(2010, 2013).reduce((sum, year) => sum + value('guangrui-1', year, 'aidPaidFen'), 0);
    expect(aid).toBeGreaterThan(3_000_000);
  });

  it('runs the service center’s rental brokerage from 2010, its fees feeding a surplus to the council', () => {
    for (const year of years(2010, 2012)) {
      expect(value('guangrui-1', year, 'leasesBrokered')).toBeGreaterThan(0);
      expect(value('guangrui-1', year, 'feesEarnedFen')).toBeGreaterThan(0);
      expect(value('guangrui-1', year, 'surplusAllocatedFen')).toBeGreaterThan(0);
    }
  });

  it('opens the Guangyi New Village station with 3,000+ new citizens in 2012, and residents move between the stations', () => {
    expect(value('guangyi', '2012-12', 'newCitizensPresent')).toBeGreaterThanOrEqual(3000);
    // A few a month: the feed may hide the yearly count to protect the small monthly ones, but never shows none.
    expect(cell('guangyi', '2012', 'transfersIn')).not.toMatchObject({ status: 'published', value: 0 });
    expect(cell('guangrui-1', '2012', 'transfersOut')).not.toMatchObject({ status: 'published', value: 0 });
    expect(cell('guangrui-1', '2011', 'transfersOut')).toMatchObject({ status: 'published', value: 0 });
  });
});
