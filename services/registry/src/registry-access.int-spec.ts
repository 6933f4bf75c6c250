import { ProblemDetails } from '@kinship/http';
import { generateMasterKey } from '@kinship/privacy';
import { sharedSecretFromConfig, TokenIssuer } from '@kinship/tenancy';
import { ResidentView } from './resident/get-resident/resident.view';
import { Caller, HttpMethod, HttpReply, JsonBody, RegisteredResident, RegistryTestApp, Sender, startRegistryTestApp } from './testing/registry-test-app';

/** Who may do what in the registry (DESIGN §5), proven on every endpoint over HTTP with real tokens. */

interface Endpoint {
  name: string;
  method: HttpMethod;
  url: () => string;
  body?: () => JsonBody;
  kind: 'read' | 'write' | 'erase';
}

let t: RegistryTestApp;
let resident: RegisteredResident;
let householdId: string;

beforeAll(async () => {
  t = await startRegistryTestApp();
  resident = await t.register('guangrui-1');
  const household = await t.post<{ householdId: string }>('staffGuangrui1', '/stations/guangrui-1/households', { compound: '广瑞一村' });
  householdId = household.body.householdId;
  await t.post('staffGuangrui1', `/stations/guangrui-1/households/${householdId}/members`, { residentId: resident.residentId, relation: 'head' });
});

afterAll(async () => {
  await t.close();
});

const residentUrl = () => `/stations/guangrui-1/residents/${resident.residentId}`;
const householdUrl = () => `/stations/guangrui-1/households/${householdId}`;

const endpoints: Endpoint[] = [
  { name: 'register', method: 'POST', url: () => '/stations/guangrui-1/residents', body: () => t.registrationForm(t.newIdentity()), kind: 'write' },
  { name: 'read a resident', method: 'GET', url: residentUrl, kind: 'read' },
  { name: 'correct details', method: 'POST', url: () => `${residentUrl()}/corrections`, body: () => ({ phone: '13900003333', reason: 'x' }), kind: 'write' },
  { name: 'move', method: 'POST', url: () => `${residentUrl()}/moves`, body: () => ({ compound: '广瑞二村', building: '1', unit: '1' }), kind: 'write' },
  { name: 'move out', method: 'POST', url: () => `${residentUrl()}/move-out`, body: () => ({ movedOutOn: t.today, reason: 'left' }), kind: 'write' },
  {
    name: 'transfer',
    method: 'POST',
    url: () => `${residentUrl()}/transfer`,
    body: () => ({ toStationId: 'guangyi', compound: '广益新村', building: '7', unit: '2' }),
    kind: 'write',
  },
  {
    name: 'return',
    method: 'POST',
    url: () => `${residentUrl()}/return`,
    body: () => ({ arrivalDate: t.today, address: { compound: '广瑞一村', building: '1', unit: '1' } }),
    kind: 'write',
  },
  ...(['application', 'issue', 'endorsement', 'lapse', 'restoration'] as const).map(
    (step): Endpoint => ({ name: `permit ${step}`, method: 'POST', url: () => `${residentUrl()}/residence-permit/${step}`, body: () => ({}), kind: 'write' }),
  ),
  { name: 'erase', method: 'POST', url: () => `${residentUrl()}/erasure`, body: () => ({ requestedBy: 'the resident', reason: 'asked' }), kind: 'erase' },
  { name: 'create a household', method: 'POST', url: () => '/stations/guangrui-1/households', body: () => ({ compound: '广瑞一村' }), kind: 'write' },
  { name: 'read a household', method: 'GET', url: householdUrl, kind: 'read' },
  {
    name: 'add a member',
    method: 'POST',
    url: () => `${householdUrl()}/members`,
    body: () => ({ residentId: resident.residentId, relation: 'spouse' }),
    kind: 'write',
  },
  { name: 'remove a member', method: 'DELETE', url: () => `${householdUrl()}/members/${resident.residentId}`, kind: 'write' },
  { name: 'set the head', method: 'PUT', url: () => `${householdUrl()}/head`, body: () => ({ residentId: resident.residentId }), kind: 'write' },
  { name: 'record a census', method: 'POST', url: () => '/stations/guangrui-1/census', body: () => ({ asOf: t.today, households: 3, residents: 7 }), kind: 'write' },
  { name: 'read the censuses', method: 'GET', url: () => '/stations/guangrui-1/census', kind: 'read' },
];

function send(sender: Sender, endpoint: Endpoint): Promise<HttpReply<ProblemDetails>> {
  return t.request<ProblemDetails>(sender, endpoint.method, endpoint.url(), endpoint.body?.());
}

/** The reply is a problem document with this status that reveals none of the resident's personal data. */
function expectRefusal(reply: HttpReply<ProblemDetails>, status: 401 | 403) {
  expect(reply.status).toBe(status);
  expect(reply.contentType).toMatch(/^application\/problem\+json/);
  expect(reply.body).toMatchObject({ status });
  for (const secret of [resident.name, resident.idNumber, '13812345678', resident.birthDate]) expect(reply.text).not.toContain(secret);
}

describe('without a valid token', () => {
  const otherIssuer = new TokenIssuer({ secret: sharedSecretFromConfig(generateMasterKey()) });

  it.each(endpoints.map((e) => [e.name, e] as const))('refuses to %s without a token (401) and appends nothing', async (_name, endpoint) => {
    const before = await t.headPosition();
    const reply = await send(null, endpoint);

    expectRefusal(reply, 401);
    expect(await t.headPosition()).toBe(before);
  });

  it.each([
    ['a malformed token', async () => 'Bearer not.a.jwt'],
    ['a token signed with another secret', async () => `Bearer ${await otherIssuer.issueDevToken({ sub: 'mallory', role: 'station-lead', org: 'guangrui-1' })}`],
    ['another scheme', async () => `Basic ${Buffer.from('staff:secret').toString('base64')}`],
  ])('refuses %s with 401', async (_label, header) => {
    const authorization = await header();
    for (const endpoint of endpoints.filter((e) => e.kind !== 'write' || e.name === 'register')) {
      const reply = await send({ authorization }, endpoint);
      expectRefusal(reply, 401);
    }
  });
});

describe('when staff of another station reach a guangrui-1 resident', () => {
  it.each(endpoints.map((e) => [e.name, e] as const))('refuses guangyi staff to %s (403) and appends nothing', async (_name, endpoint) => {
    const before = await t.headPosition();
    expectRefusal(await send('staffGuangyi', endpoint), 403);
    expectRefusal(await send('leadGuangyi', endpoint), 403);
    expect(await t.headPosition()).toBe(before);
  });

  it('finds no such resident under their own station', async () => {
    const reply = await t.get('staffGuangyi', `/stations/guangyi/residents/${resident.residentId}`);

    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain(resident.name);
  });
});

describe('when the center manager reads the chain', () => {
  it('reads a resident of a station of the chain with the personal fields masked', async () => {
    const reply = await t.get<ResidentView>('centerManager', residentUrl());

    expect(reply.status).toBe(200);
    expect(reply.body.personalMasked).toBe(true);
    expect(reply.body.personal).toEqual({
      name: expect.stringMatching(new RegExp(`^${[...resident.name][0]}\\*+$`)),
      idNumber: `${resident.idNumber.slice(0, 6)}********${resident.idNumber.slice(-4)}`,
      phone: '138****5678',
      birthDate: `${resident.birthDate.slice(0, 4)}-**-**`,
      address: { building: '**', unit: '*' },
      employer: expect.not.stringContaining('电子厂'),
    });
    for (const secret of [resident.name, resident.idNumber, '13812345678', resident.birthDate]) expect(reply.text).not.toContain(secret);
  });

  it('reads a household of the chain', async () => {
    const reply = await t.get('centerManager', householdUrl());

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ householdId, headId: resident.residentId });
  });

  it.each(endpoints.filter((e) => e.kind !== 'read').map((e) => [e.name, e] as const))('may not %s (403)', async (_name, endpoint) => {
    const before = await t.headPosition();
    expectRefusal(await send('centerManager', endpoint), 403);
    expect(await t.headPosition()).toBe(before);
  });
});

describe('when a district analyst calls the registry', () => {
  it.each(endpoints.map((e) => [e.name, e] as const))('refuses to %s (403)', async (_name, endpoint) => {
    const before = await t.headPosition();
    expectRefusal(await send('analyst', endpoint), 403);
    expect(await t.headPosition()).toBe(before);
  });
});

describe('when an operator handles an erasure request', () => {
  it.each(endpoints.filter((e) => e.kind !== 'erase').map((e) => [e.name, e] as const))('may not %s (403)', async (_name, endpoint) => {
    const before = await t.headPosition();
    expectRefusal(await send('operator', endpoint), 403);
    expect(await t.headPosition()).toBe(before);
  });

  it('erases a resident without ever reading them', async () => {
    const erasable = await t.register('guangyi');

    const reply = await t.post('operator', `/stations/guangyi/residents/${erasable.residentId}/erasure`, {
      requestedBy: 'district office, on the resident’s written request',
      reason: 'left the city',
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ streamVersion: 1, position: expect.any(Number) });
    expect(reply.text).not.toContain(erasable.name);
    const view = await t.get<ResidentView>('staffGuangyi', `/stations/guangyi/residents/${erasable.residentId}`);
    expect(view.body).toEqual({ residentId: erasable.residentId, stationId: 'guangyi', status: 'erased', personal: null });
  });
});

describe('who may erase inside a station', () => {
  it('refuses station staff, who may not erase a person', async () => {
    const before = await t.headPosition();
    const reply = await t.post<ProblemDetails>('staffGuangrui1', `${residentUrl()}/erasure`, { requestedBy: 'the resident', reason: 'asked' });

    expectRefusal(reply, 403);
    expect(await t.headPosition()).toBe(before);
  });

  it('lets the station lead erase a resident of the station', async () => {
    const erasable = await t.register('guangrui-1');

    const reply = await t.post('leadGuangrui1', `/stations/guangrui-1/residents/${erasable.residentId}/erasure`, {
      requestedBy: 'the resident in person',
      reason: 'asked to be forgotten',
    });

    expect(reply.status).toBe(200);
  });
});

describe('callers placed where their role does not fit', () => {
  it.each<[Caller, string]>([
    ['staffGuangrui1', '/stations/guangrui/residents'],
    ['staffGuangrui1', '/stations/liangxi/residents'],
  ])('refuses %s acting in %s, which is not a station', async (caller, url) => {
    const reply = await t.post<ProblemDetails>(caller, url, t.registrationForm(t.newIdentity()));

    expect(reply.status).toBe(403);
  });
});
