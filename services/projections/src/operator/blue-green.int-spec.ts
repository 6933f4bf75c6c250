import { BuildRef, ProjectionRunner, ProjectionStatus } from '../projection/projection-runner';
import { Projection } from '../projection/projection';
import { RESIDENT_DIRECTORY, residentDirectoryProjection } from '../resident-directory/resident-directory.projection';
import { DirectoryPage, ResidentDirectoryQueries } from '../resident-directory/resident-directory.queries';
import { STATION_STATISTICS } from '../station-statistics/station-statistics.projection';
import { openProjectionsApp, ProjectionsTestApp } from '../testing/projections-app.fixture';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';

const STATIONS = ['guangrui-1', 'guangyi'] as const;
const RESIDENTS_PER_STATION = 120;
const HOUSEHOLDS_PER_STATION = 15;
const REBUILT = [RESIDENT_DIRECTORY, STATION_STATISTICS] as const;
const DIRECTORY_PAGE = '/centers/guangrui/directory?pageSize=100&page=2';
const CHAIN_STATISTICS = '/centers/guangrui/statistics?from=2013-01-01&to=2013-12-31';

/** The arrival date of the i-th resident: spread over 2013, so the statistics have a document for many days. */
const arrivalOn = (i: number) => new Date(Date.UTC(2013, 0, 1 + (i % 360))).toISOString().slice(0, 10);

/**
 * The Guangrui chain's residents, each joining and leaving a household `changes` times before staying in it. The
 * directory alone follows households, so the log takes the directory visible time to rebuild, while the other read
 * models catch up with it quickly when the app starts. Returns the head of the log.
 */
async function seedChain(infra: TestInfrastructure, residentsPerStation: number, changes: number): Promise<number> {
  for (const station of STATIONS) {
    for (let h = 0; h < HOUSEHOLDS_PER_STATION; h++) await infra.registry.createHousehold(station, `hh-${station}-${h}`);
    for (let i = 0; i < residentsPerStation; i++) {
      const residentId = `r-${station}-${i}`;
      const householdId = `hh-${station}-${i % HOUSEHOLDS_PER_STATION}`;
      await infra.registry.register(station, residentId, { data: { arrivalDate: arrivalOn(i) } });
      for (let change = 0; change < changes; change++) {
        await infra.registry.addMember(station, householdId, residentId, 'other');
        await infra.registry.removeMember(station, householdId, residentId);
      }
      await infra.registry.addMember(station, householdId, residentId, 'other');
    }
  }
  return infra.events.headPosition();
}

interface Answers {
  directory: { total: number; items: Array<{ residentId: string }> };
  statistics: { total: { totals: { arrivals: number } }; stations: unknown[] };
}

/**
 * Blue/green rebuild over HTTP (DESIGN §4, issue #7): an operator rebuilds read models while they serve queries;
 * every answer comes whole from one build, and queries move to the new build once it has caught up.
 */
describe('a blue/green rebuild over HTTP', () => {
  let infra: TestInfrastructure;
  let http: ProjectionsTestApp;
  let tokens: { operator: string; manager: string; staff: string };
  let seeded: number;

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    seeded = await seedChain(infra, RESIDENTS_PER_STATION, 10);
    http = await openProjectionsApp(infra, { readYourWritesTimeoutMs: 5000 });
    tokens = {
      operator: await http.token('operator', 'liangxi', 'operator-1'),
      manager: await http.token('center-manager', 'guangrui'),
      staff: await http.token('station-staff', 'guangrui-1'),
    };
    for (const name of REBUILT) await http.app.get(ProjectionRunner).waitFor(name, seeded, 15_000);
  }, 30_000);

  afterAll(async () => {
    await http?.close();
    await infra?.close();
  });

  async function call<T>(method: 'GET' | 'POST', url: string, token: string): Promise<{ status: number; body: T }> {
    const response = await http.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
    return { status: response.statusCode, body: response.json() as T };
  }

  /** What the chain's manager reads: a page of the directory past the first, and the chain's statistics of the year. */
  async function answers(afterPosition?: number): Promise<Answers> {
    const after = afterPosition === undefined ? '' : `&afterPosition=${afterPosition}`;
    const [directory, statistics] = await Promise.all([
      call<Answers['directory'] & { position?: number }>('GET', `${DIRECTORY_PAGE}${after}`, tokens.manager),
      call<Answers['statistics'] & { position?: number }>('GET', `${CHAIN_STATISTICS}${after}`, tokens.manager),
    ]);
    expect([directory.status, statistics.status]).toEqual([200, 200]);
    // The position says how far the answering build has come; it is not part of the data.
    const { position: _directoryPosition, ...directoryData } = directory.body;
    const { position: _statisticsPosition, ...statisticsData } = statistics.body;
    return { directory: directoryData, statistics: statisticsData };
  }

  async function statuses(): Promise<Map<string, ProjectionStatus>> {
    const { body } = await call<{ projections: ProjectionStatus[] }>('GET', '/operator/projections', tokens.operator);
    return new Map(body.projections.map((p) => [p.name, p]));
  }

  async function statusOf(name: string): Promise<ProjectionStatus> {
    const status = (await statuses()).get(name);
    if (!status) throw new Error(`${name} is missing from the operator's status`);
    return status;
  }

  async function rebuild(name: string): Promise<BuildRef> {
    const { status, body } = await call<{ build: BuildRef; state: string }>('POST', `/operator/projections/${name}/rebuild`, tokens.operator);
    expect({ status, state: body.state }).toEqual({ status: 202, state: 'rebuilding' });
    return body.build;
  }

  async function untilLive(names: readonly string[]): Promise<Map<string, ProjectionStatus>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const all = await statuses();
      if (names.every((name) => all.get(name)?.state === 'live')) return all;
      if (Date.now() > deadline) throw new Error(`still rebuilding: ${names.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A resident arrives at No.1 station at the end of the year; returns the position of the registration. */
  async function arrive(residentId: string): Promise<number> {
    return infra.registry.register('guangrui-1', residentId, { data: { arrivalDate: '2013-12-31' } });
  }

  async function entry(residentId: string, afterPosition: number): Promise<{ status: number; residentId?: string }> {
    const url = `/stations/guangrui-1/directory/${residentId}?afterPosition=${afterPosition}`;
    const { status, body } = await call<{ residentId?: string }>('GET', url, tokens.staff);
    return { status, residentId: body.residentId };
  }

  const ids = (a: Answers) => a.directory.items.map((item) => item.residentId);

  it('switches queries to the rebuilt builds once caught up: the writes made meanwhile are there, the old collections gone', async () => {
    const before = await answers();
    expect(before.directory.total).toBe(RESIDENTS_PER_STATION * STATIONS.length);
    expect(before.directory.items).toHaveLength(100);
    expect(before.statistics.total.totals.arrivals).toBe(RESIDENTS_PER_STATION * STATIONS.length);
    const old = await statuses();
    const oldCollections = REBUILT.flatMap((name) => Object.values(old.get(name)?.active?.collections ?? {}));
    expect(oldCollections).toContain('resident-directory.residents.v1.b1');

    const builds = new Map<string, BuildRef>();
    for (const name of REBUILT) builds.set(name, await rebuild(name));
    const versionOf = (name: string) => old.get(name)?.active?.version;
    for (const name of REBUILT) expect(builds.get(name)).toMatchObject({ version: versionOf(name), build: 2, group: `projection.${name}.v${versionOf(name)}.b2` });
    const during = await arrive('r-during-rebuild');
    expect(await entry('r-during-rebuild', during)).toEqual({ status: 200, residentId: 'r-during-rebuild' });

    const switched = await untilLive(REBUILT);
    for (const name of REBUILT) {
      expect(switched.get(name)).toMatchObject({ state: 'live', rebuild: null, active: { build: 2, group: `projection.${name}.v${versionOf(name)}.b2` } });
    }
    // The old build is dropped right after the pointer moves (its consumer is stopped first): give that a moment.
    let collections = await infra.documents.listCollections();
    for (let tries = 0; tries < 100 && collections.some((c) => oldCollections.includes(c)); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      collections = await infra.documents.listCollections();
    }
    expect(collections.filter((c) => oldCollections.includes(c))).toEqual([]);
    for (const name of REBUILT) expect(collections).toEqual(expect.arrayContaining(Object.values(builds.get(name)?.collections ?? {})));

    // The new builds hold the arrival written while they were built, and follow the log from now on.
    expect(await entry('r-during-rebuild', during)).toEqual({ status: 200, residentId: 'r-during-rebuild' });
    const after = await arrive('r-after-switch');
    expect(await entry('r-after-switch', after)).toEqual({ status: 200, residentId: 'r-after-switch' });
    const final = await answers(after);
    expect(final.directory.total).toBe(before.directory.total + 2);
    expect(final.statistics.total.totals.arrivals).toBe(before.statistics.total.totals.arrivals + 2);
    // The two newest arrivals head the list (newest first), so the page past the first has moved by exactly two.
    expect(ids(final).slice(2)).toEqual(ids(before).slice(0, 98));
  }, 20_000);

  it('keeps answering every query completely from the old build while the new one catches up', async () => {
    const live = await statusOf(RESIDENT_DIRECTORY);
    const activeBuild = live.active?.build ?? 0;
    const before = await answers();

    const build = await rebuild(RESIDENT_DIRECTORY);
    expect(build.build).toBe(activeBuild + 1);
    // A resident arrives while the rebuild runs: the build queries read still follows the log and shows them at once.
    const during = await arrive('r-while-rebuilding');
    expect(await entry('r-while-rebuilding', during)).toEqual({ status: 200, residentId: 'r-while-rebuilding' });
    expect(await statusOf(RESIDENT_DIRECTORY)).toMatchObject({ state: 'rebuilding', active: { build: activeBuild } });
    const withArrival = await answers(during);
    expect(withArrival.directory.total).toBe(before.directory.total + 1);
    expect(ids(withArrival).slice(1)).toEqual(ids(before).slice(0, 99));

    // Until the switch every answer is the old build's, whole: never empty, never half built.
    const progress: number[] = [];
    const lags: number[] = [];
    for (;;) {
      const status = await statusOf(RESIDENT_DIRECTORY);
      expect(await answers()).toEqual(withArrival);
      if (status.state === 'live') break;
      if (status.rebuild) {
        progress.push(status.rebuild.position);
        lags.push(status.rebuild.lag);
      }
    }
    // The operator watched the new build move through the log towards the head.
    expect(new Set(progress).size).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(Math.min(...progress)).toBeLessThan(seeded);
    expect(lags).toEqual([...lags].sort((a, b) => b - a));
    expect(lags[0]).toBeGreaterThan(0);
    expect(await statusOf(RESIDENT_DIRECTORY)).toMatchObject({ state: 'live', active: { build: build.build } });
    expect(await entry('r-while-rebuilding', during)).toEqual({ status: 200, residentId: 'r-while-rebuilding' });
  }, 20_000);
});

/**
 * A new version of a projection's code (DESIGN §4): at start the runner builds the new version beside the old one;
 * queries read the old version, which nothing feeds any more, until the new one has caught up and taken over.
 */
describe('when a projection starts with a new version', () => {
  let infra: TestInfrastructure;
  const runners: ProjectionRunner[] = [];

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    await seedChain(infra, 60, 8);
  }, 20_000);

  afterAll(async () => {
    for (const runner of runners) await runner.stop();
    await infra?.close();
  });

  function directoryVersion(version: number): { runner: ProjectionRunner; queries: ResidentDirectoryQueries } {
    const projection: Projection = { ...residentDirectoryProjection(infra), version };
    const runner = new ProjectionRunner({ store: infra.documents, bus: infra.bus, head: infra.events, projections: [projection], catchUpSliceMs: 50 });
    runners.push(runner);
    return { runner, queries: new ResidentDirectoryQueries(runner, infra.cipher, infra.hasher) };
  }

  const chainPage = (queries: ResidentDirectoryQueries): Promise<DirectoryPage> =>
    queries.list({ centerId: 'guangrui' }, {}, { page: 2, pageSize: 50 });
  const withoutPosition = ({ position: _position, ...page }: DirectoryPage) => page;

  it('answers from the old version while the new one builds, and from the new one once it has caught up', async () => {
    const v1 = directoryVersion(1);
    await v1.runner.start();
    await v1.runner.waitFor(RESIDENT_DIRECTORY, await infra.events.headPosition(), 10_000);
    const before = withoutPosition(await chainPage(v1.queries));
    expect(before.total).toBe(120);
    await v1.runner.stop();

    const v2 = directoryVersion(2);
    await v2.runner.start();
    const [building] = await v2.runner.status();
    expect(building).toMatchObject({ version: 2, state: 'rebuilding', active: { version: 1 }, position: null });
    expect(withoutPosition(await chainPage(v2.queries))).toEqual(before);

    // The old version is read but no longer fed: a write shows once the new version has taken over.
    const arrived = await infra.registry.register('guangyi', 'r-new-version', { data: { arrivalDate: '2013-12-31' } });
    await v2.runner.waitFor(RESIDENT_DIRECTORY, arrived, 10_000);
    const [switched] = await v2.runner.status();
    expect(switched).toMatchObject({ state: 'live', active: { version: 2, group: 'projection.resident-directory.v2' }, position: arrived });
    const after = withoutPosition(await chainPage(v2.queries));
    expect(after.total).toBe(121);
    expect(after.items.slice(1)).toEqual(before.items.slice(0, 49));
    expect((await infra.documents.listCollections()).filter((c) => c.startsWith(`${RESIDENT_DIRECTORY}.`) && c.includes('.v1.'))).toEqual([]);
  }, 20_000);
});
