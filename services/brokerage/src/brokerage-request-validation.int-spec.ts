import { ProblemDetails } from '@kinship/http';
import { BrokerageTestApp, Caller, HttpMethod, JsonBody, startBrokerageTestApp } from './testing/brokerage-test-app';
import { WRITE_ENDPOINTS, WriteEndpoint } from './testing/write-endpoints';

/**
 * Bad input at every write endpoint of the brokerage: a 400 problem+json that names the field, and the event store
 * exactly as it was. Money that is not whole fen is bad input, never rounded.
 */

let t: BrokerageTestApp;
const GUANGRUI = { stationId: 'guangrui-1', centerId: 'guangrui' };

beforeAll(async () => {
  t = await startBrokerageTestApp();
});

afterAll(async () => {
  await t.close();
});

async function expectRejected(endpoint: WriteEndpoint, body: unknown, field: string, url = endpoint.url(GUANGRUI)): Promise<ProblemDetails> {
  const before = await t.headPosition();
  const reply = await t.request<ProblemDetails>(endpoint.caller, endpoint.method, url, body);
  expect({ status: reply.status, contentType: reply.contentType }).toEqual({ status: 400, contentType: expect.stringMatching(/^application\/problem\+json/) });
  expect(reply.body).toMatchObject({ status: 400, code: 'validation-failed' });
  expect(reply.body.errors?.map((error) => error.field)).toContain(field);
  expect(await t.headPosition()).toBe(before);
  return reply.body;
}

function edited(body: JsonBody, path: string, change: (target: Record<string, unknown>, key: string) => void): JsonBody {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  change(target, keys[keys.length - 1]);
  return copy;
}

describe.each(WRITE_ENDPOINTS)('when the request to $name is not valid', (endpoint) => {
  if (endpoint.required) {
    const required = endpoint.required;
    it(`rejects a body without ${required}`, async () => {
      await expectRejected(endpoint, edited(endpoint.valid(), required, (target, key) => delete target[key]), required);
    });
  }

  it.each(endpoint.malformed)('rejects a malformed $field', async ({ field, value }) => {
    await expectRejected(endpoint, edited(endpoint.valid(), field, (target, key) => (target[key] = value)), field);
  });

  it('rejects a field the endpoint does not know', async () => {
    const problem = await expectRejected(endpoint, { ...endpoint.valid(), discountFen: 100 }, 'discountFen');
    expect(problem.errors).toEqual([{ field: 'discountFen', message: expect.stringContaining('should not exist') }]);
  });

  it.each(['null', '[]', '120000'])('rejects the body %s, which is no JSON object', async (payload) => {
    const before = await t.headPosition();
    const response = await sendRaw(endpoint.caller, endpoint.method, endpoint.url(GUANGRUI), payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'validation-failed', errors: [{ field: '(body)' }] });
    expect(await t.headPosition()).toBe(before);
  });
});

function sendRaw(caller: Caller, method: HttpMethod, url: string, payload: string) {
  return t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${t.token(caller)}`, 'content-type': 'application/json' } });
}

describe('when a command whose fields are all optional gets a null body', () => {
  // Found by the API fuzzer: Nest reads a `null` body as `{}`, so this published the listing.
  it('does not publish the listing', async () => {
    const { landlordId } = await t.ok<{ landlordId: string }>('staffGuangrui1', '/stations/guangrui-1/landlords', { name: '陈建华', phone: '13912345678' });
    const unit = { landlordId, compound: '广瑞一村', building: '3', unit: '1', room: '102', areaSqm: 30, rooms: 1, monthlyRentFen: 90_000, depositFen: 0 };
    const { listingId } = await t.ok<{ listingId: string }>('staffGuangrui1', '/stations/guangrui-1/listings', unit);
    const before = await t.headPosition();
    const response = await sendRaw('staffGuangrui1', 'POST', `/stations/guangrui-1/listings/${listingId}/publication`, 'null');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation-failed', errors: [{ field: '(body)', message: 'the body must be a JSON object' }] });
    expect(await t.headPosition()).toBe(before);
    await t.ok('staffGuangrui1', `/stations/guangrui-1/listings/${listingId}/publication`, {}, 200);
  });
});

describe('when a path names no valid id', () => {
  it.each(WRITE_ENDPOINTS.filter((endpoint) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(endpoint.url(GUANGRUI))))('rejects $name at a path whose id is not a UUID', async (endpoint) => {
    const before = await t.headPosition();
    const url = endpoint.url(GUANGRUI).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, '..%2F..%2Fadmin');
    const reply = await t.request<ProblemDetails>(endpoint.caller, endpoint.method, url, endpoint.valid());
    expect(reply.status).toBe(400);
    expect(reply.contentType).toMatch(/^application\/problem\+json/);
    expect(await t.headPosition()).toBe(before);
  });
});

describe('when the body is not JSON', () => {
  it('rejects it as malformed and appends nothing', async () => {
    const before = await t.headPosition();
    const response = await t.app.inject({
      method: 'POST',
      url: '/stations/guangrui-1/ledger/expenses',
      headers: { authorization: `Bearer ${t.token('staffGuangrui1')}`, 'content-type': 'application/json' },
      payload: '{"amountFen": 100,',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'malformed-request-body' });
    expect(await t.headPosition()).toBe(before);
  });
});
