import { brokerageStreams } from '@kinship/contracts';
import { addMonths, firstDayOf, monthOf } from './domain/calendar';
import { BrokerageTestApp, Caller, startBrokerageTestApp } from './testing/brokerage-test-app';
import { dayOf, givenFeeSchedule } from './testing/given';
import { WRITE_ENDPOINTS } from './testing/write-endpoints';

/**
 * Who may do what (DESIGN §5): a station's own staff act in it, the lead alone approves what commits money or
 * erases a person, a center manager sets the center's fee schedule and writes in no station, and nobody else gets
 * in, or learns anything, whatever the body says.
 */

let t: BrokerageTestApp;
const GUANGRUI = { stationId: 'guangrui-1', centerId: 'guangrui' };
const stationEndpoints = WRITE_ENDPOINTS.filter((endpoint) => endpoint.url(GUANGRUI).startsWith('/stations/'));
const leadOnly = stationEndpoints.filter((endpoint) => endpoint.caller === 'leadGuangrui1');

beforeAll(async () => {
  t = await startBrokerageTestApp();
});

afterAll(async () => {
  await t.close();
});

async function expectRefused(caller: Caller | null, method: 'GET' | 'POST' | 'PUT', url: string, body: unknown, status: number): Promise<void> {
  const before = await t.headPosition();
  const reply = await t.request(caller, method, url, body);
  expect({ url, status: reply.status }).toEqual({ url, status });
  expect(reply.contentType).toMatch(/^application\/problem\+json/);
  expect(await t.headPosition()).toBe(before);
}

describe('without a token', () => {
  it.each(WRITE_ENDPOINTS)('refuses to $name (401)', async (endpoint) => {
    await expectRefused(null, endpoint.method, endpoint.url(GUANGRUI), endpoint.valid(), 401);
  });

  it('refuses to show a fee schedule (401)', async () => {
    await expectRefused(null, 'GET', '/stations/guangrui-1/fee-schedule', undefined, 401);
  });
});

describe('from another station', () => {
  it.each(stationEndpoints)('refuses to $name at Guangrui No.1 for Guangyi’s staff (403)', async (endpoint) => {
    const caller: Caller = endpoint.caller === 'leadGuangrui1' ? 'leadGuangyi' : 'staffGuangyi';
    await expectRefused(caller, endpoint.method, endpoint.url(GUANGRUI), endpoint.valid(), 403);
  });
});

describe('from outside any station', () => {
  const outsiders: Caller[] = ['centerManager', 'operator', 'analyst'];

  it.each(stationEndpoints.filter((endpoint) => endpoint.name !== 'erase a landlord'))('refuses to $name for the center manager, an operator and an analyst (403)', async (endpoint) => {
    for (const caller of outsiders) await expectRefused(caller, endpoint.method, endpoint.url(GUANGRUI), endpoint.valid(), 403);
  });
});

describe('what only the lead decides', () => {
  it.each(leadOnly)('refuses to $name for the station’s staff (403)', async (endpoint) => {
    await expectRefused('staffGuangrui1', endpoint.method, endpoint.url(GUANGRUI), endpoint.valid(), 403);
  });

  it('lets an operator erase a landlord on a request that reached the district', async () => {
    const { landlordId } = await t.ok<{ landlordId: string }>('staffGuangrui1', '/stations/guangrui-1/landlords', { name: '刘芳', phone: '13800000001' });
    await t.ok('operator', `/stations/guangrui-1/landlords/${landlordId}/erasure`, { requestedBy: 'district office', reason: 'asked' }, 200);
    expect((await t.stream(brokerageStreams.landlord('guangrui-1', landlordId))).at(-1)?.metadata.actor).toEqual({ userId: 'user-operator', role: 'operator' });
  });
});

describe("a center's fee schedule", () => {
  const terms = { basisPoints: 2500, capFen: 40_000, renewalBasisPoints: 0 };

  it('is set by its manager and read by the staff of its stations', async () => {
    expect((await t.request('centerManager', 'PUT', '/centers/guangrui/fee-schedule', terms)).status).toBe(200);
    const ofStation = await t.get('staffGuangyi', '/stations/guangyi/fee-schedule');
    expect(ofStation).toMatchObject({ status: 200, body: { centerId: 'guangrui', inForce: { ...terms, effectiveFrom: t.today } } });
    expect((await t.get('leadGuangrui1', '/centers/guangrui/fee-schedule')).status).toBe(200);
  });

  it("is refused to another center's manager, to staff, and to an operator (403)", async () => {
    await expectRefused('huishanManager', 'PUT', '/centers/guangrui/fee-schedule', terms, 403);
    await expectRefused('leadGuangrui1', 'PUT', '/centers/guangrui/fee-schedule', terms, 403);
    await expectRefused('operator', 'PUT', '/centers/guangrui/fee-schedule', terms, 403);
    await expectRefused('huishanManager', 'GET', '/centers/guangrui/fee-schedule', undefined, 403);
    await expectRefused('staffGuangrui1', 'GET', '/centers/huishan/fee-schedule', undefined, 403);
    await expectRefused('staffGuangrui1', 'GET', '/stations/huishan-1/fee-schedule', undefined, 403);
  });

  it('is refused for a unit that is not a center, without saying whether it exists (403)', async () => {
    await expectRefused('centerManager', 'PUT', '/centers/guangrui-1/fee-schedule', terms, 403);
    await expectRefused('centerManager', 'PUT', '/centers/nowhere/fee-schedule', terms, 403);
  });
});

describe("another station's records", () => {
  it('are not found from a station that does not hold them (404), and nothing is written', async () => {
    await givenFeeSchedule(t, firstDayOf(addMonths(monthOf(t.today), -2)));
    const residentId = await t.newResident();
    const { landlordId } = await t.ok<{ landlordId: string }>('staffGuangrui1', '/stations/guangrui-1/landlords', { name: '王强', phone: '13800000002' });
    const { listingId } = await t.ok<{ listingId: string }>('staffGuangrui1', '/stations/guangrui-1/listings', {
      landlordId,
      compound: '广瑞一村',
      building: '5',
      unit: '1',
      room: '101',
      areaSqm: 30,
      rooms: 1,
      monthlyRentFen: 100_000,
      depositFen: 0,
    });
    await t.ok('staffGuangrui1', `/stations/guangrui-1/listings/${listingId}/publication`, {}, 200);
    const { leaseId, invoiceId } = await t.ok<{ leaseId: string; invoiceId: string }>('staffGuangrui1', '/stations/guangrui-1/leases', {
      listingId,
      residentId,
      startsOn: t.today,
      endsOn: dayOf(addMonths(monthOf(t.today), 6), 1),
    });
    await t.settled();

    const elsewhere = [
      { url: `/stations/guangyi/invoices/${invoiceId}/payments`, body: { amountFen: 1, method: 'cash' }, code: 'invoice-not-found' },
      { url: `/stations/guangyi/leases/${leaseId}/end`, body: { depositReturnedFen: 0 }, code: 'lease-not-found' },
      { url: `/stations/guangyi/listings/${listingId}/withdrawal`, body: { reason: 'x' }, code: 'listing-not-found' },
      { url: `/stations/guangyi/landlords/${landlordId}/contact`, body: { name: 'x', phone: '13800000003' }, code: 'landlord-not-found' },
    ];
    for (const { url, body, code } of elsewhere) {
      const before = await t.headPosition();
      const reply = await t.post('staffGuangyi', url, body);
      expect({ url, status: reply.status, code: (reply.body as { code?: string }).code }).toEqual({ url, status: 404, code });
      expect(await t.headPosition()).toBe(before);
    }
    const lease = await t.post('staffGuangyi', '/stations/guangyi/leases', { listingId, residentId, startsOn: t.today, endsOn: dayOf(addMonths(monthOf(t.today), 6), 1) });
    expect(lease).toMatchObject({ status: 422, body: { code: 'listing-not-found' } });
  });
});
