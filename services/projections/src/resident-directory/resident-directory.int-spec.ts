import { ProjectionRunner } from '../projection/projection-runner';
import { openProjectionsApp, ProjectionsTestApp } from '../testing/projections-app.fixture';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { DirectoryAudit } from './directory-audit';
import { RESIDENT_DIRECTORY } from './resident-directory.projection';
import { DirectoryItem, DirectoryPage } from './resident-directory.queries';

describe('resident directory over HTTP', () => {
  let infra: TestInfrastructure;
  let http: ProjectionsTestApp;
  let staff: string;
  let manager: string;
  let head: number;

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    const r = infra.registry;
    await r.register('guangrui-1', 'res-01', {
      personal: { name: '张三丰', phone: '13812345678', idNumber: '11010519491231002X', address: { building: '12', unit: '3' } },
      occurredAt: '2013-03-01T09:00:00.000Z',
    });
    await r.register('guangrui-1', 'res-02', {
      personal: { name: '李四', phone: '13900000002', idNumber: '320211199001010002' },
      data: { compound: 'compound-2', origin: { province: 'Henan', city: 'Zhoukou' } },
      occurredAt: '2013-03-02T09:00:00.000Z',
    });
    await r.register('guangrui-1', 'res-03', {
      personal: { name: '王五', phone: '13900000003', idNumber: '320211199001010003' },
      data: { compound: 'compound-2', householdId: 'hh-1' },
      occurredAt: '2013-03-03T09:00:00.000Z',
    });
    await r.register('guangrui-1', 'res-04', {
      personal: { name: '赵六', phone: '13900000004', idNumber: '320211199001010004' },
      occurredAt: '2013-03-04T09:00:00.000Z',
    });
    await r.register('guangrui-1', 'res-05', {
      personal: { name: '钱七', phone: '13900000005', idNumber: '320211199001010005' },
      occurredAt: '2013-03-05T09:00:00.000Z',
    });
    await r.createHousehold('guangrui-1', 'hh-1', 'compound-2');
    await r.addMember('guangrui-1', 'hh-1', 'res-03', 'head');
    await r.applyForPermit('guangrui-1', 'res-02');
    await r.moveOut('guangrui-1', 'res-04');
    await r.register('guangrui-1', 'res-erased', { personal: { idNumber: '320211199001010006' }, occurredAt: '2013-03-06T09:00:00.000Z' });
    await r.erase('guangrui-1', 'res-erased', infra.keys);
    await r.register('guangyi', 'res-11', {
      personal: { name: '孙八', phone: '13900000011', idNumber: '320211199001010011' },
      occurredAt: '2013-04-01T09:00:00.000Z',
    });
    head = await r.register('huishan-1', 'res-21', { personal: { name: '周九', phone: '13900000021', idNumber: '320211199001010021' } });

    http = await openProjectionsApp(infra, { readYourWritesTimeoutMs: 300 });
    staff = await http.token('station-staff', 'guangrui-1');
    manager = await http.token('center-manager', 'guangrui', 'manager-1');
  });

  afterAll(async () => {
    await http.close();
    await infra.close();
  });

  async function get(url: string, token?: string) {
    const response = await http.app.inject({
      method: 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.statusCode, body: response.json(), type: response.headers['content-type'], raw: response.body };
  }

  async function directory(url: string, token: string): Promise<DirectoryPage> {
    const response = await get(url, token);
    expect(response.status).toBe(200);
    return response.body as DirectoryPage;
  }

  describe('a station worker reading their own station', () => {
    it('pages through the residents, newest first, with the position the directory had reached', async () => {
      const first = await directory(`/stations/guangrui-1/directory?afterPosition=${head}&pageSize=2`, staff);
      const second = await directory('/stations/guangrui-1/directory?pageSize=2&page=2', staff);

      expect(first).toMatchObject({ page: 1, pageSize: 2, total: 6 });
      expect(first.position).toBeGreaterThanOrEqual(head);
      expect(first.items.map((i) => i.residentId)).toEqual(['res-erased', 'res-05']);
      expect(second.items.map((i) => i.residentId)).toEqual(['res-04', 'res-03']);
    });

    it('shows personal fields masked, and nothing of them in clear', async () => {
      const response = await get('/stations/guangrui-1/directory/res-01', staff);

      expect(response.status).toBe(200);
      expect((response.body as DirectoryItem).personal).toEqual({
        name: '张**',
        phone: '138****5678',
        idNumber: '110105********002X',
        address: { building: '**', unit: '*' },
      });
      expect(response.raw).not.toMatch(/张三丰|13812345678|11010519491231002X/);
      expect(response.raw).not.toContain('"personal":"v1.');
    });

    it('shows an erased resident without any personal field', async () => {
      const entry = (await get('/stations/guangrui-1/directory/res-erased', staff)).body as DirectoryItem;

      expect(entry).toMatchObject({ status: 'erased', personal: null, compound: 'compound-1' });
    });

    it('filters by status, compound, origin, permit and household', async () => {
      const ids = async (query: string) => (await directory(`/stations/guangrui-1/directory?${query}`, staff)).items.map((i) => i.residentId).sort();

      expect(await ids('status=moved-out')).toEqual(['res-04']);
      expect(await ids('status=erased')).toEqual(['res-erased']);
      expect(await ids('compound=compound-2')).toEqual(['res-02', 'res-03']);
      expect(await ids('originProvince=Henan')).toEqual(['res-02']);
      expect(await ids('permitStatus=applied')).toEqual(['res-02']);
      expect(await ids('householdId=hh-1')).toEqual(['res-03']);
      expect(await ids('status=present&compound=compound-1')).toEqual(['res-01', 'res-05']);
    });

    it('finds a resident by exact name, phone or ID number', async () => {
      const ids = async (query: string) => (await directory(`/stations/guangrui-1/directory?${query}`, staff)).items.map((i) => i.residentId);

      expect(await ids(`name=${encodeURIComponent(' 李四 ')}`)).toEqual(['res-02']);
      expect(await ids(`phone=${encodeURIComponent('+86 139-0000-0003')}`)).toEqual(['res-03']);
      expect(await ids('idNumber=11010519491231002x')).toEqual(['res-01']);
      expect(await ids(`name=${encodeURIComponent('李')}`)).toEqual([]);
      expect(await ids(`name=${encodeURIComponent('孙八')}`)).toEqual([]);
    });

    it('rejects unknown parameters and a page size over 100 as problem+json', async () => {
      for (const query of ['pageSize=101', 'colour=red', 'status=vanished', 'page=0', 'phone=abc']) {
        const response = await get(`/stations/guangrui-1/directory?${query}`, staff);
        expect(response.status).toBe(400);
        expect(response.type).toContain('application/problem+json');
        expect(response.body).toMatchObject({ code: 'validation-failed' });
      }
    });

    it('answers 404 for a resident of another station', async () => {
      const response = await get('/stations/guangrui-1/directory/res-11', staff);

      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'resident-not-in-directory' });
    });
  });

  describe('who may read which directory', () => {
    it('answers 401 without a token', async () => {
      const response = await get('/stations/guangrui-1/directory');

      expect(response.status).toBe(401);
      expect(response.type).toContain('application/problem+json');
    });

    it("refuses another station's directory to station staff and leads, without any data", async () => {
      const lead = await http.token('station-lead', 'guangrui-1');
      for (const token of [staff, lead]) {
        for (const url of ['/stations/guangyi/directory', '/stations/guangyi/directory/res-11', '/stations/unknown/directory']) {
          const response = await get(url, token);
          expect(response.status).toBe(403);
          expect(response.type).toContain('application/problem+json');
          expect(response.body).not.toHaveProperty('items');
          expect(response.raw).not.toMatch(/孙|139\*+0011/);
        }
      }
    });

    it('refuses the directory to operators and district analysts', async () => {
      const operator = await http.token('operator', 'liangxi');
      const analyst = await http.token('district-analyst', 'liangxi');
      for (const token of [operator, analyst]) {
        expect((await get('/stations/guangrui-1/directory', token)).status).toBe(403);
        expect((await get('/centers/guangrui/directory', token)).status).toBe(403);
      }
    });

    it("lets a center manager read every station of their chain, but not another chain's", async () => {
      const guangyi = await directory('/stations/guangyi/directory', manager);

      expect(guangyi.items.map((i) => i.residentId)).toEqual(['res-11']);
      expect((await get('/stations/huishan-1/directory', manager)).status).toBe(403);
      expect((await get('/centers/huishan/directory', manager)).status).toBe(403);
      expect((await get('/centers/guangrui/directory?stationId=huishan-1', manager)).status).toBe(403);
      expect((await get('/centers/guangrui/directory', staff)).status).toBe(403);
    });
  });

  describe("a center manager reading the chain's directory", () => {
    it("lists the residents of all the chain's stations and audits the view without clear search terms", async () => {
      const page = await directory(`/centers/guangrui/directory?name=${encodeURIComponent('孙八')}&status=present`, manager);

      expect(page.items.map((i) => [i.residentId, i.stationId])).toEqual([['res-11', 'guangyi']]);
      const whole = await directory('/centers/guangrui/directory?pageSize=100', manager);
      expect(whole.total).toBe(7);
      expect(new Set(whole.items.map((i) => i.stationId))).toEqual(new Set(['guangrui-1', 'guangyi']));

      const audit = http.app.get(DirectoryAudit);
      const [latest, searched] = await audit.list({ userId: 'manager-1' }, 2);
      expect(latest).toMatchObject({ view: 'center-directory', centerId: 'guangrui', filters: { page: 1, pageSize: 100 }, resultCount: 7 });
      expect(searched).toMatchObject({
        view: 'center-directory',
        role: 'center-manager',
        centerId: 'guangrui',
        stationId: null,
        filters: { status: 'present', page: 1, pageSize: 20 },
        searchedBy: { nameIndex: infra.hasher.hashName('孙八') },
        resultCount: 1,
      });
      expect(JSON.stringify(searched)).not.toContain('孙八');
    });

    it("audits a manager's look into one station too", async () => {
      await directory('/stations/guangyi/directory?compound=compound-1', manager);
      await get('/stations/guangyi/directory/res-11', manager);

      const [entry, list] = await http.app.get(DirectoryAudit).list({ userId: 'manager-1' }, 2);
      expect(list).toMatchObject({ view: 'station-directory', stationId: 'guangyi', filters: { compound: 'compound-1' } });
      expect(entry).toMatchObject({ view: 'directory-entry', stationId: 'guangyi', residentId: 'res-11', resultCount: 1 });
    });

    it('keeps station staff views of their own station out of the audit', async () => {
      const before = (await http.app.get(DirectoryAudit).list({}, 1000)).length;
      await directory('/stations/guangrui-1/directory', staff);

      expect((await http.app.get(DirectoryAudit).list({}, 1000)).length).toBe(before);
    });
  });

  describe('read-your-writes with afterPosition', () => {
    it("answers once the directory reflects the command's position", async () => {
      const position = await infra.registry.register('guangrui-1', 'res-new', { personal: { name: '吴十', idNumber: '320211199001010031' } });

      const page = await directory(`/stations/guangrui-1/directory?afterPosition=${position}&name=${encodeURIComponent('吴十')}`, staff);

      expect(page.items.map((i) => i.residentId)).toEqual(['res-new']);
      expect(page.position).toBeGreaterThanOrEqual(position);
    });

    it('answers 400 position-beyond-head at once for a position no command can have returned', async () => {
      const head = await infra.events.headPosition();

      const response = await get(`/stations/guangrui-1/directory?afterPosition=${head + 1000}`, staff);

      expect(response.status).toBe(400);
      expect(response.type).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 400, code: 'position-beyond-head', detail: `afterPosition ${head + 1000} is beyond the end of the log (${head})` });
    });

    it('serves the position it reached in the status the operator sees', async () => {
      const runner = http.app.get(ProjectionRunner);
      const [status] = await runner.status();

      expect(status).toMatchObject({ name: RESIDENT_DIRECTORY, state: 'live' });
      expect(status.position).toBe(await runner.position(RESIDENT_DIRECTORY));
    });
  });
});
