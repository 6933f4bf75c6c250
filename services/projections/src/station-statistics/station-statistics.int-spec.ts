import { openReadApp, ReadApp } from '../brokerage-testing/read-app';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { ChainStatistics, StationStatistics } from './station-statistics.queries';
import { StatisticsWriter } from './statistics-writer.fixture';

describe('daily station statistics over HTTP', () => {
  let infra: TestInfrastructure;
  let http: ReadApp;
  let head: number;
  const range = 'from=2013-02-28&to=2013-03-02';

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    const write = new StatisticsWriter(infra);
    await write.arrive('guangrui-1', 'r-a', '2013-02-01');
    await write.arrive('guangrui-1', 'r-b', '2013-03-01');
    await write.arrive('guangrui-1', 'r-c', '2013-03-01');
    await write.openCase('guangrui-1', 'safety', '2013-03-01T02:00:00.000Z');
    await write.arrive('huishan-1', 'r-h', '2013-03-01');
    head = await write.arrive('guangyi', 'r-d', '2013-03-02');
    http = await openReadApp(infra);
  });

  afterAll(async () => {
    await http.close();
    await infra.close();
  });

  describe("a station's staff", () => {
    it('reads every day of the range with the residents present at its end, and the totals', async () => {
      const { status, body } = await http.get(`/stations/guangrui-1/statistics?${range}&afterPosition=${head}`, 'staff');
      expect(status).toBe(200);
      const stats = body as StationStatistics;
      expect(stats.days.map((d) => [d.date, d.arrivals, d.residentsPresent])).toEqual([
        ['2013-02-28', 0, 1],
        ['2013-03-01', 2, 3],
        ['2013-03-02', 0, 3],
      ]);
      expect(stats.days[1].cases.opened.safety).toBe(1);
      expect(stats).toMatchObject({ stationId: 'guangrui-1', from: '2013-02-28', to: '2013-03-02', residentsPresentAtStart: 1, residentsPresentAtEnd: 3 });
      expect(stats.totals).toMatchObject({ arrivals: 2, departures: 0, cases: { opened: { safety: 1 } } });
      expect(stats.position).toBeGreaterThanOrEqual(head);
    });

    it('reads the month so far when no range is given', async () => {
      const { status, body } = await http.get('/stations/guangrui-1/statistics', 'staff');
      expect(status).toBe(200);
      const stats = body as StationStatistics;
      expect(stats.from).toBe(`${stats.to.slice(0, 8)}01`);
      expect(stats.days).toHaveLength(Number(stats.to.slice(8)));
      expect(stats.residentsPresentAtEnd).toBe(3);
    });

    it.each([
      ['a date that is no date', 'from=2013-02-30'],
      ['a range backwards', 'from=2013-03-02&to=2013-03-01'],
      ['more than 366 days', 'from=2012-01-01&to=2013-01-01'],
      ['an unknown parameter', 'month=2013-03'],
      ['a negative position', 'afterPosition=-1'],
    ])('answers 400 problem+json to %s', async (_, query) => {
      const { status, type } = await http.get(`/stations/guangrui-1/statistics?${query}`, 'staff');
      expect(status).toBe(400);
      expect(type).toContain('application/problem+json');
    });

    it("is refused another station's statistics, and without a token", async () => {
      expect((await http.get(`/stations/guangrui-1/statistics?${range}`, 'guangyi')).status).toBe(403);
      expect((await http.get(`/stations/guangrui-1/statistics?${range}`)).status).toBe(401);
      expect((await http.get(`/stations/guangrui-1/statistics?${range}`, 'analyst')).status).toBe(403);
    });
  });

  describe("the chain's manager", () => {
    it("reads a station's days, and the chain's totals per station", async () => {
      expect((await http.get(`/stations/guangyi/statistics?${range}`, 'manager')).status).toBe(200);
      const { status, body } = await http.get(`/centers/guangrui/statistics?${range}&afterPosition=${head}`, 'manager');
      expect(status).toBe(200);
      const chain = body as ChainStatistics;
      expect(chain.stations.map((s) => [s.stationId, s.totals.arrivals, s.residentsPresentAtEnd])).toEqual([
        ['guangrui-1', 2, 3],
        ['guangyi', 1, 1],
      ]);
      expect(chain.total).toMatchObject({ residentsPresentAtStart: 1, residentsPresentAtEnd: 4, totals: { arrivals: 3 } });
    });

    it("of another chain is refused this chain's statistics, and so is station staff", async () => {
      expect((await http.get(`/centers/guangrui/statistics?${range}`, 'huishan')).status).toBe(403);
      expect((await http.get(`/stations/guangrui-1/statistics?${range}`, 'huishan')).status).toBe(403);
      expect((await http.get(`/centers/guangrui/statistics?${range}`, 'staff')).status).toBe(403);
    });
  });
});
