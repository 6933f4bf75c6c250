import { DEFAULT_SLA_POLICY } from './sla-policy/sla-policy.decider';
import { Caller, CaseManagementTestApp, startCaseManagementTestApp } from './testing/case-management-test-app';

/** Who may read and act on which station's cases and which center's SLA policy (DESIGN §5). */

let t: CaseManagementTestApp;
let caseId: string;
let guangyiCase: string;
const url = () => `/stations/guangrui-1/cases/${caseId}`;

beforeAll(async () => {
  t = await startCaseManagementTestApp();
  caseId = await t.openCase('guangrui-1');
  guangyiCase = await t.openCase('guangyi');
});

afterAll(async () => {
  await t.close();
});

describe('without a token', () => {
  it('answers 401 to every route', async () => {
    for (const reply of [
      await t.post(null, '/stations/guangrui-1/cases', {}),
      await t.post(null, `${url()}/notes`, { text: 'x' }),
      await t.get(null, `${url()}/sla`),
      await t.get(null, '/centers/guangrui/sla-policy'),
    ]) {
      expect(reply.status).toBe(401);
      expect(reply.contentType).toContain('application/problem+json');
    }
  });
});

describe('across stations', () => {
  it('refuses staff of another station (403) whatever the body, and appends nothing', async () => {
    const before = await t.headPosition();
    const attempts = [
      await t.post('staffGuangyi', `${url()}/notes`, { text: '看看' }),
      await t.post('staffGuangyi', `${url()}/assignment`, { nonsense: true }),
      await t.post('staffGuangyi', '/stations/guangrui-1/cases', {}),
      await t.get('staffGuangyi', `${url()}/sla`),
    ];
    for (const reply of attempts) {
      expect(reply.status).toBe(403);
      // A problem document and nothing of the case: no status, no clock, no text.
      expect(Object.keys(reply.body).sort()).toEqual(['correlationId', 'detail', 'instance', 'status', 'title', 'type']);
    }
    expect(await t.headPosition()).toBe(before);
  });

  it('finds no case of another station through the own station’s path (404)', async () => {
    const reply = await t.get('staffGuangrui1', `/stations/guangrui-1/cases/${guangyiCase}/sla`);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'case-not-found' });
  });
});

describe('a center manager', () => {
  it('reads the SLA of a case at a station of the chain but acts in none', async () => {
    expect((await t.get('centerManager', `${url()}/sla`)).status).toBe(200);
    expect((await t.post('centerManager', `${url()}/notes`, { text: 'x' })).status).toBe(403);
  });

  it('of another chain reads nothing of this one', async () => {
    expect((await t.get('otherManager', `${url()}/sla`)).status).toBe(403);
  });
});

describe('operators and district analysts', () => {
  it.each<Caller>(['operator', 'analyst'])('%s neither reads nor acts on cases', async (caller) => {
    expect((await t.get(caller, `${url()}/sla`)).status).toBe(403);
    expect((await t.post(caller, `${url()}/notes`, { text: 'x' })).status).toBe(403);
  });
});

describe('the SLA policy of a center', () => {
  const policy = { ...DEFAULT_SLA_POLICY, reopenWindowDays: 14 };

  it('is set by the center’s own manager only, and read by its stations’ staff', async () => {
    const before = await t.headPosition();
    expect((await t.request('otherManager', 'PUT', '/centers/guangrui/sla-policy', policy)).status).toBe(403);
    expect((await t.request('leadGuangrui1', 'PUT', '/centers/guangrui/sla-policy', policy)).status).toBe(403);
    expect((await t.request('operator', 'PUT', '/centers/guangrui/sla-policy', policy)).status).toBe(403);
    expect(await t.headPosition()).toBe(before);

    expect((await t.get('staffGuangyi', '/centers/guangrui/sla-policy')).body).toMatchObject({ version: 0, isDefault: true, reopenWindowDays: 30 });
    const set = await t.request('centerManager', 'PUT', '/centers/guangrui/sla-policy', policy);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ streamVersion: 0, position: expect.any(Number) });
    expect((await t.get('staffGuangrui1', '/centers/guangrui/sla-policy')).body).toMatchObject({ version: 1, isDefault: false, reopenWindowDays: 14, centerId: 'guangrui' });
    expect((await t.get('otherManager', '/centers/guangrui/sla-policy')).status).toBe(403);
    expect((await t.get('staffGuangrui1', '/centers/huishan/sla-policy')).status).toBe(403);
    expect((await t.get('centerManager', '/centers/guangrui-1/sla-policy')).status).toBe(403);
  });

  it('governs cases opened afterwards at every station of the chain, not those already open', async () => {
    const reopenable = (await t.caseEvents('guangrui-1', caseId))[0];
    expect(reopenable.data).toMatchObject({ terms: { policyVersion: 0, reopenWindowDays: 30 } });
    const later = await t.openCase('guangyi');
    expect((await t.caseEvents('guangyi', later))[0].data).toMatchObject({ terms: { policyVersion: 1, reopenWindowDays: 14 } });
  });

  it('rejects a policy that leaves a category without a target (422)', async () => {
    const reply = await t.request('centerManager', 'PUT', '/centers/guangrui/sla-policy', { ...policy, targets: policy.targets.slice(2) });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'targets-incomplete', details: { missing: ['wage-arrears', 'labour-dispute'] } });
  });
});
