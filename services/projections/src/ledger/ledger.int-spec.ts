import { BrokerageWriter, debitCredit } from '../brokerage-testing/brokerage-writer';
import { openReadApp, ReadApp } from '../brokerage-testing/read-app';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';

/**
 * Each station's ledger and the chain's consolidated ledger over HTTP, as the bookkeeper reads them: a closed March
 * (fees, an expense, the surplus allocated) and an open April (a fee, a waiver, a refund, a day-care claim) at
 * Guangrui No.1, and a month at a loss at Guangyi.
 */

let infra: TestInfrastructure;
let read: ReadApp;
let head: number;

beforeAll(async () => {
  infra = await openTestInfrastructure();
  const write = new BrokerageWriter(infra.events, infra.cipher);
  const g1 = 'guangrui-1';
  await write.entry(g1, { kind: 'fee-invoiced', date: '2026-03-10', lines: debitCredit('fee-receivable', 'fee-revenue', 36_000) });
  await write.entry(g1, { kind: 'fee-paid', date: '2026-03-12', lines: debitCredit('bank', 'fee-receivable', 36_000) });
  await write.entry(g1, { kind: 'expense', date: '2026-03-20', lines: debitCredit('operating-expenses', 'bank', 10_000) });
  await write.entry(g1, {
    kind: 'closing',
    date: '2026-03-31',
    lines: [
      { account: 'fee-revenue', side: 'debit', amountFen: 36_000 },
      { account: 'operating-expenses', side: 'credit', amountFen: 10_000 },
      { account: 'unrestricted-net-assets', side: 'credit', amountFen: 26_000 },
    ],
  });
  const allocation = await write.entry(g1, { kind: 'surplus-allocation', date: '2026-03-31', lines: debitCredit('unrestricted-net-assets', 'welfare-fund', 26_000) });
  await write.close(g1, {
    period: '2026-03',
    revenueFen: 36_000,
    expensesFen: 10_000,
    surplusFen: 26_000,
    deficitCoveredFen: 0,
    deficitCarriedFen: 0,
    allocatedFen: 26_000,
    closingEntryId: 'closing-1',
    allocation: { allocationId: 'allocation-1', entryId: allocation.entryId },
  });
  await write.entry(g1, { kind: 'fee-invoiced', date: '2026-04-02', lines: debitCredit('fee-receivable', 'fee-revenue', 27_000) });
  await write.entry(g1, { kind: 'fee-waived', date: '2026-04-03', lines: debitCredit('fee-waivers', 'fee-receivable', 5_000) });
  await write.entry(g1, { kind: 'fee-refunded', date: '2026-04-04', lines: debitCredit('fee-refunds', 'bank', 1_000) });
  await write.entry(g1, { kind: 'grant-claimed', date: '2026-04-05', lines: debitCredit('grant-receivable', 'grant-revenue', 129_000) });
  await write.entry('guangyi', { kind: 'fee-invoiced', date: '2026-04-06', lines: debitCredit('fee-receivable', 'fee-revenue', 30_000) });
  head = (await write.entry('guangyi', { kind: 'expense', date: '2026-04-07', lines: debitCredit('operating-expenses', 'bank', 40_000) })).position;

  read = await openReadApp(infra);
});

afterAll(async () => {
  await read.close();
  await infra.close();
});

type Row = { account: string; debitFen: number; creditFen: number };
const balancesOf = (rows: Row[]) => Object.fromEntries(rows.filter((r) => r.debitFen !== 0 || r.creditFen !== 0).map((r) => [r.account, r.debitFen - r.creditFen]));

describe("a station's trial balance", () => {
  it('balances, with every account of the chart in order', async () => {
    const reply = await read.get(`/stations/guangrui-1/ledger/trial-balance?afterPosition=${head}`, 'staff');
    expect(reply.status).toBe(200);
    expect(reply.body.rows.map((r: { code: string }) => r.code)).toEqual(['1001', '1002', '1121', '1122', '3101', '3102', '4101', '4102', '4103', '4201', '5101']);
    expect(reply.body.totals).toEqual({ debitFen: 182_000, creditFen: 182_000, balanced: true });
    expect(balancesOf(reply.body.rows)).toEqual({
      bank: 25_000,
      'fee-receivable': 22_000,
      'grant-receivable': 129_000,
      'welfare-fund': -26_000,
      'fee-revenue': -27_000,
      'fee-refunds': 1_000,
      'fee-waivers': 5_000,
      'grant-revenue': -129_000,
    });
  });

  it('stands as at the end of a month', async () => {
    const march = await read.get('/stations/guangrui-1/ledger/trial-balance?asOf=2026-03', 'staff');
    expect(balancesOf(march.body.rows)).toEqual({ bank: 26_000, 'welfare-fund': -26_000 });
    expect(march.body.totals.balanced).toBe(true);
  });
});

describe("a station's income statement", () => {
  it('shows a closed month as it was earned, before the close moved it into net assets', async () => {
    const march = await read.get('/stations/guangrui-1/ledger/income-statement?from=2026-03', 'staff');
    expect(march.body).toMatchObject({ from: '2026-03', to: '2026-03', feeRevenueFen: 36_000, operatingExpensesFen: 10_000, surplusFen: 26_000, allocatedFen: 26_000, closedPeriods: ['2026-03'] });
  });

  it('nets refunds and waivers off fee revenue and adds the government purchases', async () => {
    const april = await read.get('/stations/guangrui-1/ledger/income-statement?from=2026-04&to=2026-04', 'staff');
    expect(april.body).toEqual({
      from: '2026-04',
      to: '2026-04',
      feeRevenueFen: 27_000,
      feeRefundsFen: 1_000,
      feeWaiversFen: 5_000,
      netFeeRevenueFen: 21_000,
      grantRevenueFen: 129_000,
      revenueFen: 150_000,
      operatingExpensesFen: 0,
      surplusFen: 150_000,
      allocatedFen: 0,
      closedPeriods: [],
    });
  });

  it('adds up a range of months', async () => {
    expect((await read.get('/stations/guangrui-1/ledger/income-statement?from=2026-03&to=2026-04', 'staff')).body).toMatchObject({ revenueFen: 186_000, operatingExpensesFen: 10_000, surplusFen: 176_000 });
  });

  it('refuses a range that ends before it starts (422)', async () => {
    expect(await read.get('/stations/guangrui-1/ledger/income-statement?from=2026-04&to=2026-03', 'staff')).toMatchObject({ status: 422, body: { code: 'invalid-range' } });
  });
});

describe("a station's journal and closes", () => {
  it('lists the entries of a month in the order they were booked', async () => {
    const march = await read.get('/stations/guangrui-1/ledger/entries?period=2026-03', 'staff');
    expect(march.body.items.map((e: { kind: string }) => e.kind)).toEqual(['fee-invoiced', 'fee-paid', 'expense', 'closing', 'surplus-allocation']);
    expect((await read.get('/stations/guangrui-1/ledger/entries?kind=grant-claimed', 'staff')).body.total).toBe(1);
  });

  it('lists the month closes with their surplus and allocation', async () => {
    const closes = await read.get('/stations/guangrui-1/ledger/closes', 'manager');
    expect(closes.body.closes).toEqual([expect.objectContaining({ period: '2026-03', surplusFen: 26_000, allocatedFen: 26_000, allocationId: 'allocation-1' })]);
  });
});

describe("the chain's consolidated ledger", () => {
  it('adds up the stations in one trial balance, with each station’s totals', async () => {
    const reply = await read.get('/centers/guangrui/ledger/trial-balance', 'manager');
    // Accounts net across stations (Guangyi's overdrawn bank against Guangrui's), so the totals are not the sum of the stations'.
    expect(reply.body.totals).toEqual({ debitFen: 227_000, creditFen: 227_000, balanced: true });
    expect(balancesOf(reply.body.rows)).toMatchObject({ bank: -15_000, 'fee-receivable': 52_000, 'operating-expenses': 40_000, 'fee-revenue': -57_000 });
    expect(reply.body.stations).toEqual([
      { stationId: 'guangrui-1', debitFen: 182_000, creditFen: 182_000, balanced: true },
      { stationId: 'guangyi', debitFen: 70_000, creditFen: 70_000, balanced: true },
    ]);
  });

  it('adds up the stations in one income statement, a loss at one against the surplus of another', async () => {
    const reply = await read.get('/centers/guangrui/ledger/income-statement?from=2026-04', 'manager');
    expect(reply.body).toMatchObject({ revenueFen: 180_000, operatingExpensesFen: 40_000, surplusFen: 140_000 });
    expect(reply.body.stations.map((s: { stationId: string; surplusFen: number }) => [s.stationId, s.surplusFen])).toEqual([
      ['guangrui-1', 150_000],
      ['guangyi', -10_000],
    ]);
  });
});

describe('who may read', () => {
  it("lets the chain's manager read a station's ledger, and no other station's staff (403)", async () => {
    expect((await read.get('/stations/guangrui-1/ledger/trial-balance', 'manager')).status).toBe(200);
    expect((await read.get('/stations/guangrui-1/ledger/trial-balance', 'guangyi')).status).toBe(403);
    expect((await read.get('/stations/guangrui-1/ledger/entries', 'analyst')).status).toBe(403);
  });

  it("keeps the consolidated ledger to the chain's own manager (403), and everything to the signed-in (401)", async () => {
    expect((await read.get('/centers/guangrui/ledger/trial-balance', 'staff')).status).toBe(403);
    expect((await read.get('/centers/guangrui/ledger/income-statement?from=2026-04', 'huishan')).status).toBe(403);
    expect((await read.get('/stations/guangrui-1/ledger/closes')).status).toBe(401);
  });

  it('rejects a query that is not one (400)', async () => {
    for (const url of [
      '/stations/guangrui-1/ledger/trial-balance?asOf=2026-13',
      '/stations/guangrui-1/ledger/income-statement',
      '/stations/guangrui-1/ledger/income-statement?from=April',
      '/stations/guangrui-1/ledger/entries?kind=bribe',
      '/centers/guangrui/ledger/trial-balance?asOf=2026',
    ]) {
      expect({ url, status: (await read.get(url, 'manager')).status }).toEqual({ url, status: 400 });
    }
  });
});
