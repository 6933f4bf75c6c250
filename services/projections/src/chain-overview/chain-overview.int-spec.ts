import { HoursLogged } from '@kinship/contracts';
import { BrokerageWriter, debitCredit } from '../brokerage-testing/brokerage-writer';
import { openReadApp, ReadApp } from '../brokerage-testing/read-app';
import { CaseWriter } from '../case-queue/case-writer.fixture';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { VolunteeringWriter } from '../volunteer-testing/volunteering-writer';
import { ChainOverview } from './chain-overview.queries';

const DAY_MS = 86_400_000;
const ASOF = '2026-04-10';

/**
 * The Guangrui chain on 10 April 2026: residents at both stations, an overdue and a fresh case at No.1 and a dispute at
 * Guangyi, a fee and an expense booked in April, a volunteer's attended hours, a listing on offer and a lease signed.
 */
describe('the chain overview over HTTP', () => {
  let infra: TestInfrastructure;
  let http: ReadApp;
  let head: number;
  const url = (query = '') => `/centers/guangrui/overview?asOf=${ASOF}${query}`;

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    const registry = infra.registry;
    await registry.register('guangrui-1', 'r-1', { data: { arrivalDate: ASOF } });
    await registry.register('guangrui-1', 'r-2', { data: { arrivalDate: '2026-04-01' } });
    await registry.register('guangrui-1', 'r-gone', { data: { arrivalDate: '2026-01-01' } });
    await registry.moveOut('guangrui-1', 'r-gone');
    await registry.register('guangyi', 'r-3', { data: { arrivalDate: ASOF } });
    await registry.register('huishan-1', 'r-other', { data: { arrivalDate: ASOF } });

    const cases = new CaseWriter(infra.events, infra.cipher);
    await cases.open('guangrui-1', { at: new Date(Date.now() - 5 * DAY_MS).toISOString() });
    await cases.open('guangrui-1', { group: 'services', category: 'school-enrolment' });
    await cases.open('guangyi', { group: 'safety', category: 'neighbour-dispute' });
    await cases.open('huishan-1');

    const brokerage = new BrokerageWriter(infra.events, infra.cipher);
    await brokerage.entry('guangrui-1', { kind: 'fee-invoiced', date: '2026-04-02', lines: debitCredit('fee-receivable', 'fee-revenue', 36_000) });
    await brokerage.entry('guangrui-1', { kind: 'expense', date: '2026-04-03', lines: debitCredit('operating-expenses', 'bank', 10_000) });
    await brokerage.entry('guangyi', { kind: 'expense', date: '2026-03-30', lines: debitCredit('operating-expenses', 'bank', 5_000) });
    const landlord = await brokerage.landlord('guangrui-1');
    const { listingId } = await brokerage.listing('guangrui-1', landlord);
    await brokerage.listing('guangyi', landlord, {}, false);
    const leaseId = await brokerage.lease('guangyi', listingId, 'r-3');
    await brokerage.invoice('guangyi', leaseId, 'r-3', 36_000);

    const volunteering = new VolunteeringWriter(infra.events, infra.cipher);
    await volunteering.enrol('guangrui-1', 'v-1');
    head = await volunteering.volunteer('guangrui-1', 'v-1', HoursLogged, { volunteerId: 'v-1', entryId: 'e-1', source: 'attendance', servedOn: '2026-04-08', minutes: 150 });
    http = await openReadApp(infra);
  });

  afterAll(async () => {
    await http.close();
    await infra.close();
  });

  it("gives the manager every station's figures and the chain's totals in one answer", async () => {
    const { status, body } = await http.get(url(`&afterPosition=${head}`), 'manager');
    expect(status).toBe(200);
    const overview = body as ChainOverview;
    expect(overview).toMatchObject({ centerId: 'guangrui', asOf: ASOF, month: '2026-04', year: 2026 });
    const [g1, guangyi] = overview.stations;
    expect(g1).toMatchObject({
      stationId: 'guangrui-1',
      name: 'Guangrui No.1 Village station',
      residentsPresent: 2,
      openCases: { total: 2, byGroup: { 'rights-protection': { total: 1, breached: 1 }, services: { total: 1, 'on-track': 1 } } },
      today: { arrivals: 1 },
      monthToDate: { arrivals: 2 },
      ledgerMonthToDate: { netFeeRevenueFen: 36_000, operatingExpensesFen: 10_000, surplusFen: 26_000 },
      volunteers: { members: 1, verifiedMinutes: 150 },
      openListings: 1,
      activeLeases: 0,
    });
    expect(guangyi).toMatchObject({
      stationId: 'guangyi',
      residentsPresent: 1,
      openCases: { total: 1, byGroup: { safety: { total: 1 } } },
      today: { arrivals: 1, leasesSigned: 1, feesInvoicedFen: 36_000 },
      ledgerMonthToDate: { operatingExpensesFen: 0 },
      openListings: 0,
      activeLeases: 1,
    });
    expect(overview.total).toMatchObject({
      residentsPresent: 3,
      openCases: { total: 3 },
      today: { arrivals: 2 },
      monthToDate: { arrivals: 3 },
      ledgerMonthToDate: { surplusFen: 26_000 },
      openListings: 1,
      activeLeases: 1,
    });
    expect(overview.links).toMatchObject({
      residentDirectory: '/centers/guangrui/directory',
      caseQueue: '/centers/guangrui/case-queue',
      incomeStatement: '/centers/guangrui/ledger/income-statement?from=2026-04',
    });
    for (const position of Object.values(overview.positions)) expect(position).toBeGreaterThanOrEqual(0);
  });

  it('follows the links to chain-wide views the manager may read', async () => {
    const { body } = await http.get(url(), 'manager');
    for (const link of Object.values((body as ChainOverview).links)) expect([link, (await http.get(link, 'manager')).status]).toEqual([link, 200]);
  });

  it("refuses another chain's manager, station staff, a district analyst and a request without a token", async () => {
    expect((await http.get(url(), 'huishan')).status).toBe(403);
    expect((await http.get(url(), 'staff')).status).toBe(403);
    expect((await http.get(url(), 'analyst')).status).toBe(403);
    expect((await http.get(url())).status).toBe(401);
  });

  it.each([
    ['a date that is no date', '/centers/guangrui/overview?asOf=2026-02-30'],
    ['an unknown parameter', '/centers/guangrui/overview?station=guangyi'],
    ['a position that is no number', '/centers/guangrui/overview?afterPosition=soon'],
  ])('answers 400 problem+json to %s', async (_, bad) => {
    const { status, type } = await http.get(bad, 'manager');
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
  });
});
