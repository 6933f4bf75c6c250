import { IndicatorCell, IndicatorRelease, indicatorReleaseSchema, indicatorReleaseSummarySchema, Role } from '@kinship/contracts';
import { openProjectionsApp, ProjectionsTestApp } from '../testing/projections-app.fixture';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { ReleaseSummary } from './district-indicators.releases';
import { Dhis2DataValueSet } from './indicator-formats';
import { contentHashOf } from './indicator-release';
import { IndicatorWriter } from './testing/indicator-writer';

interface Reply<T> {
  status: number;
  contentType: string;
  headers: Record<string, unknown>;
  body: T;
  text: string;
}

describe('the district indicators over HTTP', () => {
  let infra: TestInfrastructure;
  let http: ProjectionsTestApp;
  let write: IndicatorWriter;
  let head = 0;

  const call = async <T = Record<string, unknown>>(method: 'GET' | 'POST', as: [Role, string] | null, url: string, accept?: string): Promise<Reply<T>> => {
    const headers: Record<string, string> = as === null ? {} : { authorization: `Bearer ${await http.token(as[0], as[1])}` };
    if (accept) headers['accept'] = accept;
    const response = await http.app.inject({ method, url, headers });
    const contentType = String(response.headers['content-type'] ?? '');
    return { status: response.statusCode, contentType, headers: response.headers, body: (contentType.includes('json') ? response.json() : null) as T, text: response.body };
  };
  const analyst: [Role, string] = ['district-analyst', 'liangxi'];
  const cell = (cells: IndicatorCell[], orgUnitId: string, period: string, indicator: string, group: string | null = null) =>
    cells.find((c) => c.orgUnitId === orgUnitId && c.period === period && c.indicator === indicator && c.group === group);

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    write = new IndicatorWriter(infra);
    await write.arriveMany('guangrui-1', '2010-03-10', 12);
    await write.arriveMany('guangyi', '2010-03-12', 3);
    await write.arriveMany('guangyi', '2010-04-02', 7);
    await write.arriveMany('huishan-1', '2010-05-02', 6);
    for (let i = 0; i < 6; i += 1) {
      const caseId = await write.openCase('guangrui-1', '2010-03-01T10:00:00+08:00', { group: 'safety', category: 'neighbour-dispute' });
      await write.resolve('guangrui-1', caseId, `2010-03-${String(3 + i).padStart(2, '0')}T10:00:00+08:00`);
    }
    await write.lease('guangyi', '2010-04-20', 24_000);
    head = await write.head();
    http = await openProjectionsApp(infra, { readYourWritesTimeoutMs: 5000 });
  });
  afterAll(async () => {
    await http?.close();
    await infra?.close();
  });

  describe('before any release', () => {
    it('answers 404 problem+json for the latest', async () => {
      const reply = await call<{ code: string }>('GET', analyst, '/district/indicators/releases/latest');
      expect(reply.status).toBe(404);
      expect(reply.contentType).toMatch(/^application\/problem\+json/);
      expect(reply.body.code).toBe('no-indicator-release');
    });
  });

  describe('when a district analyst issues a release', () => {
    let release: IndicatorRelease;

    beforeAll(async () => {
      const reply = await call<IndicatorRelease>('POST', analyst, `/district/indicators/releases?afterPosition=${head}`);
      expect(reply.status).toBe(201);
      release = reply.body;
    });

    it('returns the whole release in the contract shape, numbered, hashed and at its position', () => {
      expect(indicatorReleaseSchema.parse(release)).toEqual(release);
      expect(release).toMatchObject({ sequence: 1, reason: 'requested', supersedes: null, computedAtPosition: head });
      expect(release.contentHash).toBe(contentHashOf(release.cells));
      expect(release.hidden.small).toBeGreaterThan(0);
    });

    it('counts per station, chain and district, with no count from 1 to 4 published', () => {
      expect(cell(release.cells, 'guangyi', '2010-03', 'arrivals')).toMatchObject({ value: null, status: 'suppressed-small' });
      expect(cell(release.cells, 'guangrui', '2010-03', 'disputes')).toMatchObject({ level: 'chain', value: 6, status: 'published' });
      expect(cell(release.cells, 'liangxi', '2010', 'arrivals')).toMatchObject({ level: 'district', value: 28 });
      expect(cell(release.cells, 'guangrui-1', '2010-03', 'disputes')).toMatchObject({ value: 6, status: 'published', level: 'station' });
      expect(cell(release.cells, 'guangrui-1', '2010-03', 'casesOpened', 'safety')).toMatchObject({ value: 6 });
      expect(cell(release.cells, 'guangrui-1', '2010-03', 'medianDaysToResolve')).toMatchObject({ value: 4.5, status: 'published' });
      for (const c of release.cells) {
        if (c.value !== null && ['arrivals', 'departures', 'casesOpened', 'disputes', 'leasesBrokered', 'newCitizensPresent'].includes(c.indicator)) {
          expect({ key: `${c.orgUnitId} ${c.period} ${c.indicator}`, small: c.value >= 1 && c.value <= 4 }).toEqual({ key: `${c.orgUnitId} ${c.period} ${c.indicator}`, small: false });
        }
      }
    });

    it('hides a second cell beside a lone hidden one, so the month cannot be worked out from the year', () => {
      const march = cell(release.cells, 'guangyi', '2010-03', 'arrivals');
      const year = cell(release.cells, 'guangyi', '2010', 'arrivals');
      const months = release.cells.filter((c) => c.orgUnitId === 'guangyi' && c.indicator === 'arrivals' && c.period.startsWith('2010-'));
      expect(march?.status).toBe('suppressed-small');
      expect([year, ...months].filter((c) => c?.value === null).length).toBeGreaterThanOrEqual(2);
    });

    it('serves the same release as the latest, filtered by level, org unit, period and indicator', async () => {
      const latest = await call<IndicatorRelease>('GET', analyst, '/district/indicators/releases/latest');
      expect(latest.status).toBe(200);
      expect(latest.body).toEqual(release);
      const filtered = await call<IndicatorRelease>('GET', analyst, '/district/indicators/releases/latest?level=station&orgUnitId=guangyi&period=2010&indicator=arrivals');
      expect(filtered.body.cells.map((c) => c.period)).toEqual(['2010', '2010-01', '2010-02', '2010-03', '2010-04', '2010-05']);
      expect(filtered.body.contentHash).toBe(release.contentHash);
      const one = await call<IndicatorRelease>('GET', analyst, `/district/indicators/releases/${release.releaseId}?period=2010-04&orgUnitId=guangyi&indicator=leasesBrokered`);
      expect(one.body.cells).toEqual([{ orgUnitId: 'guangyi', level: 'station', period: '2010-04', indicator: 'leasesBrokered', group: null, value: null, status: 'suppressed-small' }]);
    });

    it('serves CSV with a header row, suppressed cells empty with their status, by format or by Accept', async () => {
      const byFormat = await call('GET', analyst, '/district/indicators/releases/latest?format=csv&orgUnitId=guangyi&period=2010-03&indicator=arrivals');
      expect(byFormat.status).toBe(200);
      expect(byFormat.contentType).toMatch(/^text\/csv/);
      expect(byFormat.headers['x-release-content-hash']).toBe(release.contentHash);
      expect(byFormat.text).toBe('orgUnitId,level,period,indicator,group,unit,value,status\r\nguangyi,station,2010-03,arrivals,,count,,suppressed-small\r\n');
      const byAccept = await call('GET', analyst, '/district/indicators/releases/latest?orgUnitId=guangrui-1&period=2010-03&indicator=disputes', 'text/csv');
      expect(byAccept.contentType).toMatch(/^text\/csv/);
      expect(byAccept.text.split('\r\n')[1]).toBe('guangrui-1,station,2010-03,disputes,,count,6,published');
    });

    it('exports DHIS2 dataValueSets with codes, DHIS2 periods and string values, leaving suppressed cells out', async () => {
      const reply = await call<Dhis2DataValueSet>('GET', analyst, `/district/indicators/releases/${release.releaseId}/dhis2?indicator=disputes`);
      expect(reply.status).toBe(200);
      expect(reply.body.completeDate).toBe(release.issuedAt.slice(0, 10));
      expect(reply.body.dataValues).toContainEqual({ dataElement: 'disputes', period: '201003', orgUnit: 'guangrui-1', value: '6' });
      const arrivals = await call<Dhis2DataValueSet>('GET', analyst, `/district/indicators/releases/${release.releaseId}/dhis2?indicator=arrivals&orgUnitId=guangyi`);
      expect(arrivals.body.dataValues.map((v) => v.period)).toEqual(['201001', '201002', '201005']);
      const grouped = await call<Dhis2DataValueSet>('GET', analyst, '/district/indicators/releases/latest/dhis2?indicator=casesOpened&orgUnitId=guangrui-1&period=2010');
      expect(grouped.body.dataValues).toContainEqual({ dataElement: 'casesOpened.safety', period: '2010', orgUnit: 'guangrui-1', value: '6' });
    });

    it('lists the releases with their publication to the outbox', async () => {
      const reply = await call<{ releases: ReleaseSummary[] }>('GET', ['operator', 'liangxi'], '/district/indicators/releases');
      expect(reply.status).toBe(200);
      expect(indicatorReleaseSummarySchema.array().parse(reply.body.releases)).toEqual(reply.body.releases);
      expect(reply.body.releases[0]).toMatchObject({
        releaseId: release.releaseId,
        sequence: 1,
        contentHash: release.contentHash,
        hidden: release.hidden,
        publication: { topic: 'district.indicators.v1', transport: 'outbox' },
      });
    });
  });

  describe('who may read what', () => {
    it("gives a center manager only their own chain's cells", async () => {
      const mine = await call<IndicatorRelease>('GET', ['center-manager', 'guangrui'], '/district/indicators/releases/latest');
      expect(mine.status).toBe(200);
      expect(new Set(mine.body.cells.map((c) => c.orgUnitId))).toEqual(new Set(['guangrui', 'guangrui-1', 'guangyi']));
      const other = await call<IndicatorRelease>('GET', ['center-manager', 'huishan'], '/district/indicators/releases/latest?format=json');
      expect(new Set(other.body.cells.map((c) => c.orgUnitId))).toEqual(new Set(['huishan', 'huishan-1']));
    });

    it('lets an operator issue a release without reading its cells', async () => {
      const issued = await call<IndicatorRelease>('POST', ['operator', 'liangxi'], '/district/indicators/releases');
      expect(issued.status).toBe(201);
      expect(issued.body).toMatchObject({ sequence: 2, cells: [] });
      expect((await call('GET', ['operator', 'liangxi'], '/district/indicators/releases/latest')).status).toBe(403);
      expect((await call('GET', ['operator', 'liangxi'], `/district/indicators/releases/${issued.body.releaseId}/dhis2`)).status).toBe(403);
    });

    it('refuses station staff, managers issuing releases, and callers without a token', async () => {
      for (const url of ['/district/indicators/releases/latest', '/district/indicators/releases', '/district/indicators/releases/latest/dhis2']) {
        expect((await call('GET', ['station-lead', 'guangrui-1'], url)).status).toBe(403);
        expect((await call('GET', null, url)).status).toBe(401);
      }
      expect((await call('POST', ['center-manager', 'guangrui'], '/district/indicators/releases')).status).toBe(403);
      expect((await call('POST', ['station-staff', 'guangyi'], '/district/indicators/releases')).status).toBe(403);
    });
  });

  it('answers 400 problem+json to bad filters and 404 to an unknown release', async () => {
    for (const query of ['level=planet', 'period=2010-1', 'indicator=crimes', 'format=xml', 'orgUnitId=Guang%20Rui', 'colour=red']) {
      const reply = await call<{ code: string }>('GET', analyst, `/district/indicators/releases/latest?${query}`);
      expect({ query, status: reply.status, code: reply.body?.code }).toEqual({ query, status: 400, code: 'validation-failed' });
      expect(reply.contentType).toMatch(/^application\/problem\+json/);
    }
    const badIssue = await call<{ code: string }>('POST', analyst, '/district/indicators/releases?afterPosition=-1');
    expect(badIssue.status).toBe(400);
    expect((await call('GET', analyst, '/district/indicators/releases/district-release-999999')).status).toBe(404);
  });

  describe('when late registrations change a month that was hidden', () => {
    it('no longer counts the month as small, and keeps its unchanged complement hidden', async () => {
      const before = await call<IndicatorRelease>('GET', analyst, '/district/indicators/releases/latest?orgUnitId=guangyi&indicator=arrivals&period=2010');
      expect(cell(before.body.cells, 'guangyi', '2010-04', 'arrivals')?.status).toBe('suppressed-complementary');
      await write.arriveMany('guangyi', '2010-03-20', 3);
      const issued = await call<IndicatorRelease>('POST', analyst, `/district/indicators/releases?afterPosition=${await write.head()}`);
      expect(issued.status).toBe(201);
      expect(cell(issued.body.cells, 'guangyi', '2010-03', 'arrivals')?.status).not.toBe('suppressed-small');
      // April (7) is unchanged: publishing it now would give away March as it was (10 - 7 = 3) from the last release.
      expect(cell(issued.body.cells, 'guangyi', '2010-04', 'arrivals')).toMatchObject({ value: null, status: 'suppressed-complementary' });
      // And April, hidden, needs a second unknown beside it in its year: March or the year itself.
      const year = issued.body.cells.filter((c) => c.orgUnitId === 'guangyi' && c.indicator === 'arrivals' && c.period.startsWith('2010'));
      expect(year.filter((c) => c.value === null).length).toBeGreaterThanOrEqual(2);
      expect(issued.body.supersedes).toBe(before.body.releaseId);
    });
  });

  describe('when the operator rebuilds the projection', () => {
    it('issues the same figures from the rebuilt aggregates', async () => {
      const before = await call<IndicatorRelease>('GET', analyst, '/district/indicators/releases/latest');
      const rebuilt = await call<{ state: string }>('POST', ['operator', 'liangxi'], '/operator/projections/district-indicators/rebuild?wait=true');
      expect(rebuilt.body.state).toBe('live');
      const again = await call<IndicatorRelease>('POST', analyst, '/district/indicators/releases');
      expect(again.body).toMatchObject({ sequence: before.body.sequence + 1, contentHash: before.body.contentHash, computedAtPosition: before.body.computedAtPosition });
    });
  });

  describe('when a resident is erased after the last release', () => {
    it('re-issues the feed, with the same figures, superseding the last release', async () => {
      const before = await call<IndicatorRelease>('GET', analyst, '/district/indicators/releases/latest');
      // res-1 is the first newcomer written above, at guangrui-1.
      await write.erase('guangrui-1', 'res-1');
      const deadline = Date.now() + 10_000;
      let latest = before;
      while (latest.body.reason !== 'erasure' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        latest = await call<IndicatorRelease>('GET', analyst, '/district/indicators/releases/latest');
      }
      expect(latest.body).toMatchObject({ reason: 'erasure', sequence: before.body.sequence + 1, supersedes: before.body.releaseId, contentHash: before.body.contentHash });
      expect(latest.body.computedAtPosition).toBe(await write.head());
    });
  });
});
