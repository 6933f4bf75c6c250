import { ProblemDetails } from '@kinship/http';
import { Caller, HttpMethod, JsonBody, RegisteredResident, RegistryTestApp, startRegistryTestApp } from './testing/registry-test-app';

/**
 * Bad input at every write endpoint: the answer is a 400 problem+json naming the field, and the event store
 * is left exactly as it was.
 */

interface WriteEndpoint {
  name: string;
  method: HttpMethod;
  url: () => string;
  caller: Caller;
  valid: () => JsonBody;
  /** A required field to leave out (dotted for nested fields), when the endpoint has one. */
  required?: string;
  malformed: Array<{ field: string; value: unknown }>;
}

let t: RegistryTestApp;
let resident: RegisteredResident;
let householdId: string;

beforeAll(async () => {
  t = await startRegistryTestApp();
  resident = await t.register('guangrui-1');
  const household = await t.post<{ householdId: string }>('staffGuangrui1', '/stations/guangrui-1/households', { compound: '广瑞一村' });
  householdId = household.body.householdId;
});

afterAll(async () => {
  await t.close();
});

const residentUrl = () => `/stations/guangrui-1/residents/${resident.residentId}`;
const householdUrl = () => `/stations/guangrui-1/households/${householdId}`;

const endpoints: WriteEndpoint[] = [
  {
    name: 'register a resident',
    method: 'POST',
    url: () => '/stations/guangrui-1/residents',
    caller: 'staffGuangrui1',
    valid: () => t.registrationForm(t.newIdentity()),
    required: 'address.building',
    malformed: [
      { field: 'phone', value: '12345' },
      { field: 'birthDate', value: '1990-02-30' },
      { field: 'sex', value: 'unknown' },
      { field: 'origin', value: '安徽省阜阳市' },
      { field: 'consent.given', value: false },
      { field: 'consent.scope', value: [] },
      { field: 'childrenNeedingSchool.0.schoolLevel', value: 'university' },
    ],
  },
  {
    name: 'correct details',
    method: 'POST',
    url: () => `${residentUrl()}/corrections`,
    caller: 'staffGuangrui1',
    valid: () => ({ phone: '13900002222', reason: 'new phone' }),
    required: 'reason',
    malformed: [
      { field: 'phone', value: 'call me' },
      { field: 'birthDate', value: '07/03/1990' },
      { field: 'idNumber', value: '34120219900307' },
    ],
  },
  {
    name: 'move within the station',
    method: 'POST',
    url: () => `${residentUrl()}/moves`,
    caller: 'staffGuangrui1',
    valid: () => ({ compound: '广瑞二村', building: '3', unit: '1' }),
    required: 'compound',
    malformed: [
      { field: 'building', value: '' },
      { field: 'movedOn', value: 'yesterday' },
    ],
  },
  {
    name: 'move out',
    method: 'POST',
    url: () => `${residentUrl()}/move-out`,
    caller: 'staffGuangrui1',
    valid: () => ({ movedOutOn: t.today, reason: 'returned home' }),
    required: 'movedOutOn',
    malformed: [{ field: 'movedOutOn', value: 20260101 }],
  },
  {
    name: 'transfer',
    method: 'POST',
    url: () => `${residentUrl()}/transfer`,
    caller: 'staffGuangrui1',
    valid: () => ({ toStationId: 'guangyi', compound: '广益新村', building: '7', unit: '2' }),
    required: 'toStationId',
    malformed: [{ field: 'toStationId', value: 'Guangyi Station!' }],
  },
  {
    name: 'return a resident who moved out',
    method: 'POST',
    url: () => `${residentUrl()}/return`,
    caller: 'staffGuangrui1',
    valid: () => ({ arrivalDate: t.today, address: { compound: '广瑞一村', building: '1', unit: '1' }, fromStationId: 'guangrui-1' }),
    required: 'address.unit',
    malformed: [
      { field: 'arrivalDate', value: '2026-13-01' },
      { field: 'fromStationId', value: 'Guangrui No.1!' },
      { field: 'phone', value: '12345' },
      { field: 'householdId', value: 'not-a-household' },
    ],
  },
  {
    name: 'record a residence-permit step',
    method: 'POST',
    url: () => `${residentUrl()}/residence-permit/application`,
    caller: 'staffGuangrui1',
    valid: () => ({}),
    malformed: [{ field: 'on', value: '2024/01/01' }],
  },
  {
    name: 'erase personal data',
    method: 'POST',
    url: () => `${residentUrl()}/erasure`,
    caller: 'leadGuangrui1',
    valid: () => ({ requestedBy: 'the resident in person', reason: 'asked to be forgotten' }),
    required: 'requestedBy',
    malformed: [{ field: 'reason', value: 42 }],
  },
  {
    name: 'create a household',
    method: 'POST',
    url: () => '/stations/guangrui-1/households',
    caller: 'staffGuangrui1',
    valid: () => ({ compound: '广瑞一村' }),
    required: 'compound',
    malformed: [{ field: 'compound', value: ['广瑞一村'] }],
  },
  {
    name: 'add a household member',
    method: 'POST',
    url: () => `${householdUrl()}/members`,
    caller: 'staffGuangrui1',
    valid: () => ({ residentId: resident.residentId, relation: 'head' }),
    required: 'relation',
    malformed: [
      { field: 'relation', value: 'cousin' },
      { field: 'residentId', value: '../../etc/passwd' },
    ],
  },
  {
    name: 'set the household head',
    method: 'PUT',
    url: () => `${householdUrl()}/head`,
    caller: 'staffGuangrui1',
    valid: () => ({ residentId: resident.residentId }),
    required: 'residentId',
    malformed: [{ field: 'residentId', value: 'Not A Resident Id' }],
  },
  {
    name: 'record a census',
    method: 'POST',
    url: () => '/stations/guangrui-1/census',
    caller: 'leadGuangrui1',
    valid: () => ({ asOf: t.today, households: 3, residents: 7 }),
    required: 'residents',
    malformed: [
      { field: 'asOf', value: '2026-02-30' },
      { field: 'households', value: -1 },
      { field: 'residents', value: 7.5 },
      { field: 'residents', value: '7' },
    ],
  },
];

/** Sends the body and expects a 400 validation problem naming `field`, with no event appended. */
async function expectRejected(endpoint: WriteEndpoint, body: unknown, field: string): Promise<ProblemDetails> {
  const before = await t.headPosition();
  const reply = await t.request<ProblemDetails>(endpoint.caller, endpoint.method, endpoint.url(), body);
  expect(reply.status).toBe(400);
  expect(reply.contentType).toMatch(/^application\/problem\+json/);
  expect(reply.body).toMatchObject({ status: 400, code: 'validation-failed' });
  expect(reply.body.errors?.map((error) => error.field)).toContain(field);
  expect(reply.body.detail).toContain(field);
  expect(await t.headPosition()).toBe(before);
  return reply.body;
}

function without(body: JsonBody, path: string): JsonBody {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  delete target[keys[keys.length - 1]];
  return copy;
}

function withValue(body: JsonBody, path: string, value: unknown): JsonBody {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys[keys.length - 1]] = value;
  return copy;
}

describe.each(endpoints)('when the request to $name is not valid', (endpoint) => {
  if (endpoint.required) {
    const required = endpoint.required;
    it(`rejects a body without ${required}`, async () => {
      await expectRejected(endpoint, without(endpoint.valid(), required), required);
    });
  }

  it.each(endpoint.malformed)('rejects a malformed $field', async ({ field, value }) => {
    await expectRejected(endpoint, withValue(endpoint.valid(), field, value), field);
  });

  it('rejects a field the endpoint does not know', async () => {
    const problem = await expectRejected(endpoint, { ...endpoint.valid(), nickname: '小王' }, 'nickname');
    expect(problem.errors).toEqual([{ field: 'nickname', message: expect.stringContaining('should not exist') }]);
  });
});

describe('when an ID number has a wrong check character', () => {
  const misspelt = (idNumber: string) => idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');

  it('rejects the registration with 400 naming idNumber, and claims nothing', async () => {
    const identity = t.newIdentity();
    const idNumber = misspelt(identity.idNumber);
    const problem = await expectRejected(endpoints[0], t.registrationForm({ ...identity, idNumber }), 'idNumber');

    expect(problem.errors).toContainEqual({ field: 'idNumber', message: 'idNumber has a wrong check character (GB 11643)' });
    expect(await t.idNumberClaimStream(idNumber)).toEqual([]);
  });

  it('rejects the correction with 400 naming idNumber', async () => {
    const idNumber = misspelt(t.newIdentity().idNumber);
    const problem = await expectRejected(endpoints[1], { idNumber, reason: 'typo on the form' }, 'idNumber');

    expect(problem.errors).toContainEqual({ field: 'idNumber', message: 'idNumber has a wrong check character (GB 11643)' });
  });
});

describe('when the form contradicts the ID number', () => {
  it('rejects a birth date the ID number does not encode, and claims nothing', async () => {
    const identity = t.newIdentity();
    const before = await t.headPosition();

    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/residents', t.registrationForm(identity, { birthDate: '1990-01-01' }));

    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'birth-date-does-not-match-id-number', details: { field: 'birthDate' } });
    expect(await t.headPosition()).toBe(before);
  });

  it('rejects an arrival in the future without leaving a claim on the ID number', async () => {
    const identity = t.newIdentity();
    const before = await t.headPosition();

    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/residents', t.registrationForm(identity, { arrivalDate: '2999-01-01' }));

    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'arrival-date-in-future' });
    expect(await t.headPosition()).toBe(before);
  });
});

describe('when the body is not JSON the registry can read', () => {
  it('answers 400 malformed-request-body for broken JSON', async () => {
    const before = await t.headPosition();
    const response = await t.app.inject({
      method: 'POST',
      url: '/stations/guangrui-1/residents',
      headers: { authorization: `Bearer ${t.token('staffGuangrui1')}`, 'content-type': 'application/json' },
      payload: '{"name": "王',
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'malformed-request-body' });
    expect(await t.headPosition()).toBe(before);
  });

  it('answers 400 for a body that is a list instead of an object', async () => {
    const before = await t.headPosition();

    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/households', [{ compound: '广瑞一村' }]);

    expect(reply.status).toBe(400);
    expect(reply.contentType).toMatch(/^application\/problem\+json/);
    expect(await t.headPosition()).toBe(before);
  });
});

