import { registryStreams } from '@kinship/contracts';
import { generateResidentIdNumber } from '@kinship/privacy';
// The embedded platform serves every service in one app; this spec assembles the same app for the services a lease
// passes through. Only a composition root may import services, and this spec stands in for one.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { RegistryModule } from '@kinship/registry';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { VolunteeringModule } from '@kinship/volunteering';
import { addMonths, firstDayOf, monthOf } from './domain/calendar';
import { BrokerageTestApp, startBrokerageTestApp } from './testing/brokerage-test-app';
import { dayOf, givenFeeSchedule } from './testing/given';

/**
 * From a lease signed at a station to the council's welfare fund, across the brokerage, the registry and volunteering
 * as the embedded platform runs them: the lease is signed, its fee invoiced and paid, the month closed, the surplus
 * allocated, the center's aid fund credited in volunteering, and the tenant's new address recorded in the registry.
 */

const STATION = 'guangrui-1';
const DISTRICT = 'liangxi';
const at = (path: string) => `/stations/${STATION}${path}`;

let t: BrokerageTestApp;

beforeAll(async () => {
  t = await startBrokerageTestApp({
    imports: [RegistryModule.forRoot({ districtId: DISTRICT }), VolunteeringModule.forRoot({ districtId: DISTRICT })],
  });
  await givenFeeSchedule(t, firstDayOf(addMonths(t.lastMonth, -1)));
});

afterAll(async () => {
  await t.close();
});

/** Polls until `check` passes (reactions run on the bus, after the request that caused them has answered). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a lease, from its signing to the welfare fund', () => {
  it('invoices the fee, books it, closes the month, credits the aid fund and records the tenant’s address', async () => {
    const birthDate = '1990-03-07';
    const arrivalDate = dayOf(addMonths(monthOf(t.today), -4), 1);
    const { residentId } = await t.ok<{ residentId: string }>('staffGuangrui1', at('/residents'), {
      name: '王秀英',
      sex: 'female',
      birthDate,
      idNumber: generateResidentIdNumber('341202', birthDate, 42, 'female'),
      phone: '13812345678',
      origin: { province: '安徽省', city: '阜阳市' },
      arrivalDate,
      address: { compound: '广瑞一村', building: '3', unit: '1', room: '101' },
      consent: { given: true, scope: ['registry', 'services'] },
    });

    const { landlordId } = await t.ok<{ landlordId: string }>('staffGuangrui1', at('/landlords'), { name: '陈建华', phone: '13912345678' });
    const { listingId } = await t.ok<{ listingId: string }>('staffGuangrui1', at('/listings'), {
      landlordId,
      compound: '广瑞二村',
      building: '7',
      unit: '2',
      room: '502',
      areaSqm: 42,
      rooms: 2,
      monthlyRentFen: 120_000,
      depositFen: 120_000,
    });
    await t.ok('staffGuangrui1', at(`/listings/${listingId}/publication`), { on: dayOf(t.lastMonth, 1) }, 200);

    // Signed last month, so that month can be closed today.
    const lease = await t.ok<{ leaseId: string; invoiceId: string; fee: { amountFen: number } }>('staffGuangrui1', at('/leases'), {
      listingId,
      residentId,
      signedOn: dayOf(t.lastMonth, 10),
      startsOn: dayOf(t.lastMonth, 15),
      endsOn: dayOf(addMonths(t.lastMonth, 12), 14),
    });
    expect(lease.fee.amountFen).toBe(36_000);

    await t.settled();
    await t.ok('staffGuangrui1', at(`/invoices/${lease.invoiceId}/payments`), { amountFen: 36_000, method: 'cash', on: dayOf(t.lastMonth, 11) });
    const closed = await t.ok<{ allocationId: string; surplusFen: number; allocatedFen: number }>('leadGuangrui1', at('/ledger/closes'), { period: t.lastMonth });
    expect(closed).toMatchObject({ surplusFen: 36_000, allocatedFen: 36_000 });

    const fund = await eventually(
      async () => (await t.get<{ balanceFen: number; allocations: Array<{ allocationId: string; amountFen: number }> }>('centerManager', '/centers/guangrui/aid-fund')).body,
      (body) => (body.allocations ?? []).some((allocation) => allocation.allocationId === closed.allocationId),
      "the center's aid fund to be credited",
    );
    expect(fund.balanceFen).toBe(36_000);
    expect(fund.allocations).toEqual([expect.objectContaining({ allocationId: closed.allocationId, amountFen: 36_000 })]);

    const resident = await eventually(
      async () => (await t.get<{ compound: string; personal: { address: unknown } | null }>('staffGuangrui1', at(`/residents/${residentId}`))).body,
      (body) => body.compound === '广瑞二村',
      "the registry to record the tenant's new address",
    );
    expect(resident.personal?.address).toEqual({ building: '7', unit: '2', room: '502' });
    const moved = (await t.stream(registryStreams.resident(STATION, residentId))).at(-1);
    expect(moved).toMatchObject({ type: 'registry.resident-moved-within-station', data: { movedOn: dayOf(t.lastMonth, 15) } });
  });
});
