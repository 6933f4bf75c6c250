import { HoursLogged } from '@kinship/contracts';
import { BrokerageWriter } from '../brokerage-testing/brokerage-writer';
import { READERS, Reader } from '../brokerage-testing/read-app';
import { CaseWriter } from '../case-queue/case-writer.fixture';
import { openProjectionsApp, ProjectionsTestApp } from '../testing/projections-app.fixture';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { VolunteeringWriter } from '../volunteer-testing/volunteering-writer';

type Parameter = { name: string; in: string; required?: boolean; example?: unknown; schema?: { example?: unknown } };
type OpenApi = { paths: Record<string, { get?: { parameters?: Parameter[] } }> };

/** Every query of a station or a chain: the GET routes of the OpenAPI document under /stations and /centers. */
function queryRoutes(document: OpenApi): string[] {
  return Object.entries(document.paths)
    .filter(([path, operations]) => operations.get !== undefined && /^\/(stations|centers)\//.test(path))
    .map(([path]) => path);
}

/**
 * A route asked with `afterPosition`: the Guangrui chain, No.1 station, ids of things that need not exist, and the
 * documented example of every required query parameter.
 */
function concrete(document: OpenApi, route: string, afterPosition: number): string {
  const path = route
    .replace('{stationId}', 'guangrui-1')
    .replace('{centerId}', 'guangrui')
    .replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
  const required = (document.paths[route].get?.parameters ?? []).filter((p) => p.in === 'query' && p.required);
  const query = required.map((p) => `${p.name}=${encodeURIComponent(String(p.example ?? p.schema?.example))}`);
  return `${path}?${[...query, `afterPosition=${afterPosition}`].join('&')}`;
}

/**
 * Read-your-writes (DESIGN §4) on every query of the read side: a command returns its position, and a query given
 * that position answers only once what it reads reflects the command; a read model that stays behind answers 504.
 */
describe('read-your-writes over HTTP', () => {
  let infra: TestInfrastructure;
  let http: ProjectionsTestApp;
  const tokens = new Map<Reader, string>();

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    http = await openProjectionsApp(infra, { readYourWritesTimeoutMs: 1000 });
    for (const [reader, [role, org]] of Object.entries(READERS)) tokens.set(reader as Reader, await http.token(role, org));
  });

  afterAll(async () => {
    await http.close();
    await infra.close();
  });

  async function get<T = Record<string, unknown>>(url: string, who: Reader = 'manager') {
    const response = await http.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.get(who)}` } });
    return { status: response.statusCode, body: response.json() as T, type: String(response.headers['content-type']) };
  }

  it('documents afterPosition on every query of a station or a chain', async () => {
    const document = (await http.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi;
    const routes = queryRoutes(document);
    const without = routes.filter((route) => !document.paths[route].get?.parameters?.some((p) => p.in === 'query' && p.name === 'afterPosition'));
    expect(without).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });

  it('answers 400 position-beyond-head problem+json at once on every query given a position beyond the end of the log', async () => {
    const document = (await http.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi;
    const head = await infra.events.headPosition();
    const beyond = head + 1_000;
    const answers = await Promise.all(
      queryRoutes(document).map(async (route) => {
        const { status, body, type } = await get<{ code?: string; detail?: string }>(concrete(document, route, beyond));
        return { route, status, code: body.code, detail: body.detail, problem: type.includes('application/problem+json') };
      }),
    );
    const wrong = answers.filter((a) => a.status !== 400 || a.code !== 'position-beyond-head' || !a.problem);
    expect(wrong).toEqual([]);
    expect(answers[0].detail).toBe(`afterPosition ${beyond} is beyond the end of the log (${head})`);
  });

  it('serves a query given exactly the head of the log', async () => {
    const head = await infra.events.headPosition();
    expect((await get(`/stations/guangrui-1/directory?afterPosition=${head}`, 'staff')).status).toBe(200);
  });

  describe('a query given the position of a write sees it', () => {
    it('in a station list and a single entry (resident directory, case page)', async () => {
      const registered = await infra.registry.register('guangrui-1', 'r-ryw', { data: { arrivalDate: '2026-04-10' } });
      const page = await get<{ items: Array<{ residentId: string }> }>(`/stations/guangrui-1/directory?afterPosition=${registered}`, 'staff');
      expect(page.body.items.map((item) => item.residentId)).toContain('r-ryw');

      const opened = await new CaseWriter(infra.events, infra.cipher).open('guangrui-1');
      const detail = await get(`/stations/guangrui-1/cases/${opened.caseId}?afterPosition=${opened.position}`, 'staff');
      expect(detail).toMatchObject({ status: 200, body: { caseId: opened.caseId } });
    });

    it('in a chain-wide list (leases) and the ledger closes', async () => {
      const brokerage = new BrokerageWriter(infra.events, infra.cipher);
      await brokerage.lease('guangyi', '00000000-0000-4000-8000-000000000001', 'r-lease');
      const signed = await infra.events.headPosition();
      expect((await get<{ total: number }>(`/centers/guangrui/leases?afterPosition=${signed}`)).body.total).toBe(1);

      const closed = await brokerage.close('guangrui-1', {
        period: '2026-03',
        revenueFen: 0,
        expensesFen: 0,
        surplusFen: 0,
        deficitCoveredFen: 0,
        deficitCarriedFen: 0,
        allocatedFen: 0,
        closingEntryId: null,
        allocation: null,
      });
      const closes = await get<{ closes: Array<{ period: string }> }>(`/stations/guangrui-1/ledger/closes?afterPosition=${closed}`, 'staff');
      expect(closes.body.closes.map((close) => close.period)).toEqual(['2026-03']);
    });

    it("in the chain's volunteer hours, statistics and overview", async () => {
      const volunteering = new VolunteeringWriter(infra.events, infra.cipher);
      await volunteering.enrol('guangyi', 'v-ryw');
      const logged = await volunteering.volunteer('guangyi', 'v-ryw', HoursLogged, { volunteerId: 'v-ryw', entryId: 'e-ryw', source: 'attendance', servedOn: '2026-04-09', minutes: 75 });
      const hours = await get<{ stations: Array<{ stationId: string; verifiedMinutes: number }> }>(`/centers/guangrui/volunteer-hours?year=2026&afterPosition=${logged}`);
      expect(hours.body.stations.find((s) => s.stationId === 'guangyi')?.verifiedMinutes).toBe(75);

      const arrived = await infra.registry.register('guangyi', 'r-ryw-2', { data: { arrivalDate: '2026-04-10' } });
      const statistics = await get<{ totals: { arrivals: number } }>(`/stations/guangyi/statistics?from=2026-04-10&to=2026-04-10&afterPosition=${arrived}`, 'guangyi');
      expect(statistics.body.totals.arrivals).toBe(1);
      const overview = await get<{ stations: Array<{ stationId: string; residentsPresent: number; volunteers: { verifiedMinutes: number } }> }>(
        `/centers/guangrui/overview?asOf=2026-04-10&afterPosition=${arrived}`,
      );
      expect(overview.body.stations.find((s) => s.stationId === 'guangyi')).toMatchObject({ residentsPresent: 1, volunteers: { verifiedMinutes: 75 } });
    });
  });

  /**
   * In distributed mode the head comes from Kafka, which lacks what still sits in a service's outbox: a position a
   * command has just returned may lie beyond it, so such a head never rejects a position and the query waits.
   */
  describe('when the head of the log only follows the store that hands out positions', () => {
    let distant: TestInfrastructure;
    let follower: ProjectionsTestApp;
    let staff: string;
    let reported = 0;

    beforeAll(async () => {
      distant = await openTestInfrastructure();
      follower = await openProjectionsApp(distant, { readYourWritesTimeoutMs: 1000, head: { headPosition: async () => reported } });
      staff = await follower.token(...READERS.staff);
    });

    afterAll(async () => {
      await follower.close();
      await distant.close();
    });

    async function ask(url: string, token = staff) {
      const response = await follower.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      return { status: response.statusCode, body: response.json() as Record<string, unknown>, type: String(response.headers['content-type']) };
    }

    it('serves a write the head has not seen yet', async () => {
      reported = 0;
      const registered = await distant.registry.register('guangrui-1', 'r-outbox', { data: { arrivalDate: '2026-04-10' } });
      const page = await ask(`/stations/guangrui-1/directory?afterPosition=${registered}`);
      expect(page.status).toBe(200);
      expect((page.body.items as Array<{ residentId: string }>).map((item) => item.residentId)).toContain('r-outbox');
    });

    it('answers 504 projection-behind problem+json on every query when the read model stays behind the position', async () => {
      reported = await distant.events.headPosition();
      const document = (await follower.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi;
      const beyond = reported + 1_000;
      const manager = await follower.token(...READERS.manager);
      const answers = await Promise.all(
        queryRoutes(document).map(async (route) => {
          const { status, body, type } = await ask(concrete(document, route, beyond), manager);
          return { route, status, code: body.code, problem: type.includes('application/problem+json') };
        }),
      );
      expect(answers.filter((a) => a.status !== 504 || a.code !== 'projection-behind' || !a.problem)).toEqual([]);
    });
  });
});
