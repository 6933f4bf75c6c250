import { openProjectionsApp, ProjectionsTestApp } from '../testing/projections-app.fixture';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { CaseWriter } from './case-writer.fixture';
import { CaseDetail, QueuePage, TimelineItem } from './case-queue.service';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

describe('case queues over HTTP', () => {
  let infra: TestInfrastructure;
  let writer: CaseWriter;
  let http: ProjectionsTestApp;
  let staff: string;
  let worker: string;
  let manager: string;
  const ids: Record<string, string> = {};
  let head: number;

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    writer = new CaseWriter(infra.events, infra.cipher);
    const w = writer;
    ids.overdue = (await w.open('guangrui-1', { at: daysAgo(5), description: '拖欠工资五个月' })).caseId;
    await w.append('guangrui-1', ids.overdue, 'cases.case-note-added', { noteId: 'n-1', text: await w.encrypt(ids.overdue, '已联系老板') });
    ids.fresh = (await w.open('guangrui-1')).caseId;
    ids.mine = (await w.open('guangrui-1', { group: 'services', category: 'school-enrolment' })).caseId;
    await w.append('guangrui-1', ids.mine, 'cases.case-assigned', { assignee: { userId: 'worker-li', kind: 'worker' }, previousAssigneeId: null });
    ids.paused = (await w.open('guangrui-1')).caseId;
    await w.append('guangrui-1', ids.paused, 'cases.information-requested', { requestId: 'q-1', what: await w.encrypt(ids.paused, '请提供合同') });
    ids.resolved = (await w.open('guangrui-1')).caseId;
    await w.append('guangrui-1', ids.resolved, 'cases.case-assigned', { assignee: { userId: 'worker-li', kind: 'worker' }, previousAssigneeId: null });
    await w.append('guangrui-1', ids.resolved, 'cases.case-resolved', { outcome: 'resolved' });
    ids.guangyi = (await w.open('guangyi', { at: daysAgo(4), group: 'safety', category: 'neighbour-dispute' })).caseId;
    head = (await w.open('huishan-1')).position;

    http = await openProjectionsApp(infra, { readYourWritesTimeoutMs: 2000 });
    staff = await http.token('station-staff', 'guangrui-1');
    worker = await http.token('station-staff', 'guangrui-1', 'worker-li');
    manager = await http.token('center-manager', 'guangrui', 'manager-1');
  });

  afterAll(async () => {
    await http.close();
    await infra.close();
  });

  async function get<T = Record<string, unknown>>(url: string, token?: string) {
    const response = await http.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.statusCode, body: response.json() as T, type: String(response.headers['content-type']) };
  }

  async function page(url: string, token: string): Promise<QueuePage> {
    const reply = await get<QueuePage>(url, token);
    expect(reply.status).toBe(200);
    return reply.body;
  }

  const caseIds = (p: QueuePage) => p.items.map((item) => item.caseId);

  describe('a station worker', () => {
    it('sees the open cases of the station, the overdue first, then by next deadline, the paused ones last', async () => {
      const queue = await page(`/stations/guangrui-1/case-queue?afterPosition=${head}`, staff);
      expect(caseIds(queue)).toEqual([ids.overdue, ids.fresh, ids.mine, ids.paused]);
      expect(queue.total).toBe(4);
      expect(queue.position).toBeGreaterThanOrEqual(head);
      expect(queue.items[0]).toMatchObject({ sla: { status: 'breached', response: { status: 'breached' } }, status: 'open' });
      expect(queue.items[1]).toMatchObject({ sla: { status: 'on-track', state: 'running' } });
      expect(queue.items[3]).toMatchObject({ sla: { state: 'paused', pausedFor: ['awaiting-resident'] }, flags: { awaitingResident: true } });
    });

    it('narrows the queue to one group and pages through it', async () => {
      expect(caseIds(await page('/stations/guangrui-1/case-queue?group=services', staff))).toEqual([ids.mine]);
      const second = await page('/stations/guangrui-1/case-queue?pageSize=2&page=2', staff);
      expect(caseIds(second)).toEqual([ids.mine, ids.paused]);
      expect(second).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    });

    it('lists the overdue cases', async () => {
      const overdue = await page('/stations/guangrui-1/case-queue/overdue', staff);
      expect(caseIds(overdue)).toEqual([ids.overdue]);
    });

    it('sees their own cases: being worked on first, then resolved ones still to close', async () => {
      expect(caseIds(await page('/stations/guangrui-1/my-cases', worker))).toEqual([ids.mine, ids.resolved]);
      expect(caseIds(await page('/stations/guangrui-1/my-cases', staff))).toEqual([]);
    });

    it('reads a case with its description in clear, and its timeline', async () => {
      const detail = await get<CaseDetail>(`/stations/guangrui-1/cases/${ids.overdue}`, staff);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ caseId: ids.overdue, description: '拖欠工资五个月', erased: false, consentScope: ['labour-inspection'] });
      const timeline = await get<TimelineItem[]>(`/stations/guangrui-1/cases/${ids.overdue}/timeline`, staff);
      expect(timeline.body.map((item) => [item.type, item.texts])).toEqual([
        ['cases.case-opened', { description: '拖欠工资五个月' }],
        ['cases.case-note-added', { text: '已联系老板' }],
      ]);
      expect(timeline.body[1]).toMatchObject({ actor: { userId: 'worker-li' }, details: { noteId: 'n-1' } });
    });

    it('reads their writes when they pass the position a command returned', async () => {
      const { caseId, position } = await writer.open('guangrui-1', { group: 'mutual-aid', category: 'emergency-hardship' });
      const queue = await page(`/stations/guangrui-1/case-queue?group=mutual-aid&afterPosition=${position}`, staff);
      expect(caseIds(queue)).toEqual([caseId]);
    });

    it('sees no text of a case once a resident of it is erased', async () => {
      const position = await writer.append('guangrui-1', ids.overdue, 'cases.case-personal-data-erased', { residentId: 'res-1' });
      const detail = await get<CaseDetail>(`/stations/guangrui-1/cases/${ids.overdue}?afterPosition=${position}`, staff);
      expect(detail.body).toMatchObject({ erased: true, description: null });
      const timeline = await get<TimelineItem[]>(`/stations/guangrui-1/cases/${ids.overdue}/timeline`, staff);
      expect(timeline.body.every((item) => Object.keys(item.texts).length === 0)).toBe(true);
    });
  });

  describe('across stations and chains', () => {
    it('refuses another station’s staff and answers 404 for a case the station does not have', async () => {
      const other = await http.token('station-staff', 'guangyi');
      expect((await get('/stations/guangrui-1/case-queue', other)).status).toBe(403);
      expect((await get(`/stations/guangrui-1/cases/${ids.overdue}`, other)).status).toBe(403);
      expect((await get(`/stations/guangrui-1/cases/${ids.guangyi}`, staff)).status).toBe(404);
    });

    it('gives a center manager the queue and overdue list of every station of the chain, and nothing of another', async () => {
      const chain = await page('/centers/guangrui/case-queue?pageSize=100', manager);
      expect(chain.items.map((i) => i.stationId)).toEqual(expect.arrayContaining(['guangrui-1', 'guangyi']));
      expect(chain.items.some((i) => i.stationId === 'huishan-1')).toBe(false);
      expect(caseIds(await page('/centers/guangrui/case-queue?stationId=guangyi', manager))).toEqual([ids.guangyi]);
      expect(caseIds(await page('/centers/guangrui/case-queue/overdue', manager)).sort()).toEqual([ids.guangyi, ids.overdue].sort());
      expect((await page('/stations/guangyi/case-queue', manager)).total).toBe(1);

      expect((await get('/centers/guangrui/case-queue?stationId=huishan-1', manager)).status).toBe(403);
      expect((await get('/centers/huishan/case-queue', manager)).status).toBe(403);
      expect((await get('/centers/guangrui/case-queue', staff)).status).toBe(403);
      expect((await get('/centers/guangrui/case-queue', await http.token('center-manager', 'huishan'))).status).toBe(403);
    });

    it('refuses operators and analysts, and callers without a token', async () => {
      expect((await get('/stations/guangrui-1/case-queue', await http.token('operator', 'liangxi'))).status).toBe(403);
      expect((await get('/stations/guangrui-1/case-queue', await http.token('district-analyst', 'liangxi'))).status).toBe(403);
      expect((await get('/stations/guangrui-1/case-queue')).status).toBe(401);
    });
  });

  describe('a malformed query', () => {
    it.each([
      ['/stations/guangrui-1/case-queue?pageSize=0', 'pageSize'],
      ['/stations/guangrui-1/case-queue?pageSize=1000', 'pageSize'],
      ['/stations/guangrui-1/case-queue?group=finance', 'group'],
      ['/stations/guangrui-1/case-queue/overdue?priority=asap', 'priority'],
      ['/stations/guangrui-1/my-cases?status=open', 'status'],
      [`/stations/guangrui-1/cases/x?afterPosition=-1`, 'afterPosition'],
      ['/centers/guangrui/case-queue?stationId=Guang%20Yi', 'stationId'],
    ])('%s is answered 400 naming %s', async (url, field) => {
      const reply = await get<{ code: string; errors: Array<{ field: string }> }>(url, url.startsWith('/centers') ? manager : staff);
      expect(reply.status).toBe(400);
      expect(reply.type).toContain('application/problem+json');
      expect(reply.body.errors.map((e) => e.field)).toContain(field);
    });
  });
});
