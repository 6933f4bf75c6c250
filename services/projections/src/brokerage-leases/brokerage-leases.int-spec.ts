import { BrokerageWriter } from '../brokerage-testing/brokerage-writer';
import { openReadApp, ReadApp } from '../brokerage-testing/read-app';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';

/** Leases and their fee invoices over HTTP: the clerk's contracts and the bookkeeper's receivables. */

let infra: TestInfrastructure;
let read: ReadApp;
let head: number;
const tenant = '01960000-0000-7000-8000-0000000000a1';
const erasedTenant = '01960000-0000-7000-8000-0000000000a2';
const ids = { settledLease: '', owedLease: '', endedLease: '', guangyiLease: '', settledInvoice: '', owedInvoice: '' };

beforeAll(async () => {
  infra = await openTestInfrastructure();
  const write = new BrokerageWriter(infra.events, infra.cipher);
  const landlord = await write.landlord('guangrui-1');
  await infra.registry.register('guangrui-1', tenant);
  await infra.registry.register('guangrui-1', erasedTenant, { personal: { idNumber: '320211199001010098' } });

  const first = await write.listing('guangrui-1', landlord);
  ids.settledLease = await write.lease('guangrui-1', first.listingId, tenant);
  ids.settledInvoice = await write.invoice('guangrui-1', ids.settledLease, tenant, 36_000);
  await write.payment('guangrui-1', ids.settledInvoice, 20_000);
  await write.waiver('guangrui-1', ids.settledInvoice, tenant, 16_000, '工伤住院');

  const second = await write.listing('guangrui-1', landlord);
  ids.owedLease = await write.lease('guangrui-1', second.listingId, erasedTenant, 90_000);
  ids.owedInvoice = await write.invoice('guangrui-1', ids.owedLease, erasedTenant, 27_000);
  await write.waiver('guangrui-1', ids.owedInvoice, erasedTenant, 1_000, '失业');

  const third = await write.listing('guangrui-1', landlord);
  ids.endedLease = await write.lease('guangrui-1', third.listingId, tenant, 80_000);
  await write.endLease('guangrui-1', ids.endedLease, third.listingId, tenant);

  const elsewhere = await write.listing('guangyi', await write.landlord('guangyi'));
  ids.guangyiLease = await write.lease('guangyi', elsewhere.listingId, tenant);
  head = await infra.registry.erase('guangrui-1', erasedTenant, infra.keys);

  read = await openReadApp(infra);
});

afterAll(async () => {
  await read.close();
  await infra.close();
});

describe("a station's leases", () => {
  it('lists them, newest first, each with what was invoiced and is still owed', async () => {
    const reply = await read.get(`/stations/guangrui-1/leases?afterPosition=${head}`, 'staff');
    expect(reply.status).toBe(200);
    expect(reply.body.total).toBe(3);
    const byId = Object.fromEntries(reply.body.items.map((item: { leaseId: string }) => [item.leaseId, item]));
    expect(byId[ids.settledLease]).toMatchObject({ status: 'active', monthlyRentFen: 120_000, feesFen: [36_000], fee: { invoicedFen: 36_000, outstandingFen: 0 } });
    expect(byId[ids.owedLease]).toMatchObject({ fee: { invoicedFen: 27_000, outstandingFen: 26_000 } });
    expect(byId[ids.endedLease]).toMatchObject({ status: 'ended', endReason: 'early-termination', depositReturnedFen: 100_000, depositWithheldFen: 20_000 });
    expect(reply.body.items[0]).not.toHaveProperty('address');
  });

  it('filters by status and by resident', async () => {
    expect((await read.get('/stations/guangrui-1/leases?status=ended', 'staff')).body.items.map((l: { leaseId: string }) => l.leaseId)).toEqual([ids.endedLease]);
    expect((await read.get(`/stations/guangrui-1/leases?residentId=${erasedTenant}`, 'staff')).body.total).toBe(1);
  });

  it("shows the tenant's address and the waiver's reason in full to the station's staff only", async () => {
    const own = await read.get(`/stations/guangrui-1/leases/${ids.settledLease}`, 'staff');
    expect(own.body).toMatchObject({
      address: { building: '12', unit: '2', room: '301' },
      invoices: [
        {
          invoiceId: ids.settledInvoice,
          status: 'paid',
          paidFen: 20_000,
          waivedFen: 16_000,
          outstandingFen: 0,
          payments: [{ amountFen: 20_000, method: 'transfer', reference: 'WX-1' }],
          waivers: [{ amountFen: 16_000, basis: { kind: 'case-fact', reference: 'case-7' }, approvedBy: 'lead-1', justification: '工伤住院' }],
        },
      ],
    });
    const manager = await read.get(`/stations/guangrui-1/leases/${ids.settledLease}`, 'manager');
    expect(manager.body.address).toEqual({ building: expect.not.stringMatching(/^12$/), unit: expect.any(String), room: null });
    expect(manager.body.invoices[0].waivers[0].justification).toBeNull();
  });

  it('drops the address and the waiver reason of a tenant the registry erased', async () => {
    const reply = await read.get(`/stations/guangrui-1/leases/${ids.owedLease}`, 'staff');
    expect(reply.body).toMatchObject({ residentId: erasedTenant, address: null, invoices: [{ waivers: [{ amountFen: 1_000, justification: null }] }] });
  });

  it('lists the whole chain for its manager only', async () => {
    const chain = await read.get('/centers/guangrui/leases', 'manager');
    expect(chain.body.items.map((l: { leaseId: string }) => l.leaseId)).toEqual(expect.arrayContaining([ids.guangyiLease, ids.settledLease]));
    expect((await read.get('/centers/guangrui/leases', 'staff')).status).toBe(403);
  });
});

describe("a station's receivables", () => {
  it('lists the invoices still owed', async () => {
    const reply = await read.get('/stations/guangrui-1/invoices', 'staff');
    expect(reply.body.items.map((i: { invoiceId: string; outstandingFen: number; status: string }) => [i.invoiceId, i.outstandingFen, i.status])).toEqual([
      [ids.owedInvoice, 26_000, 'part-paid'],
    ]);
  });

  it('lists the invoices of a status', async () => {
    expect((await read.get('/stations/guangrui-1/invoices?status=paid', 'staff')).body.items.map((i: { invoiceId: string }) => i.invoiceId)).toEqual([ids.settledInvoice]);
  });
});

describe('who may read', () => {
  it('refuses another station (403), finds nothing of it at one’s own (404), and refuses operators and the anonymous', async () => {
    expect((await read.get('/stations/guangrui-1/leases', 'guangyi')).status).toBe(403);
    expect((await read.get('/stations/guangrui-1/invoices', 'guangyi')).status).toBe(403);
    expect(await read.get(`/stations/guangyi/leases/${ids.settledLease}`, 'guangyi')).toMatchObject({ status: 404, body: { code: 'lease-not-found' } });
    expect((await read.get('/stations/guangrui-1/leases', 'operator')).status).toBe(403);
    expect((await read.get('/stations/guangrui-1/leases')).status).toBe(401);
  });

  it('rejects a query that is not one (400)', async () => {
    for (const url of ['/stations/guangrui-1/leases?status=signed', '/stations/guangrui-1/leases?residentId=someone', '/stations/guangrui-1/invoices?status=late', '/stations/guangrui-1/leases/lease-1']) {
      expect({ url, status: (await read.get(url, 'staff')).status }).toEqual({ url, status: 400 });
    }
  });
});
