import { brokerageStreams, EventEnvelope, LedgerEntryPostedData } from '@kinship/contracts';
import { addMonths, firstDayOf, monthOf } from './domain/calendar';
import { BrokerageTestApp, startBrokerageTestApp } from './testing/brokerage-test-app';
import { dayOf, givenFeeSchedule, givenResidentErased } from './testing/given';

/**
 * A station's brokerage over HTTP, from a landlord's unit to the month's surplus: each step as the clerk or the
 * lead sends it, and what the station's streams hold afterwards.
 */

const STATION = 'guangrui-1';
const at = (path: string) => `/stations/${STATION}${path}`;

let t: BrokerageTestApp;
let landlordId: string;
let listingId: string;
let residentId: string;
let requestId: string;
let leaseId: string;
let invoiceId: string;

const types = (events: EventEnvelope[]) => events.map((event) => event.type);
const ledger = async () => (await t.stream(brokerageStreams.ledger(STATION))).map((event) => event.data as LedgerEntryPostedData & { period: string });

beforeAll(async () => {
  t = await startBrokerageTestApp();
  await givenFeeSchedule(t, firstDayOf(addMonths(t.lastMonth, -1)));
});

afterAll(async () => {
  await t.close();
});

describe('when a landlord offers a unit', () => {
  it('registers the landlord with their contact encrypted under their own key', async () => {
    ({ landlordId } = await t.ok<{ landlordId: string }>('staffGuangrui1', at('/landlords'), { name: '陈建华', phone: '13912345678' }));
    const [registered] = await t.stream(brokerageStreams.landlord(STATION, landlordId));
    const contact = (registered.data as { contact: string }).contact;
    expect(JSON.stringify(registered)).not.toContain('陈建华');
    expect(await t.cipher.decrypt(landlordId, contact)).toEqual({ name: '陈建华', phone: '13912345678' });
  });

  it('takes the unit on the books, publishes it and changes its rent', async () => {
    const unit = { landlordId, compound: '广瑞一村', building: '12', unit: '2', room: '301', areaSqm: 38.5, rooms: 2, monthlyRentFen: 130_000, depositFen: 120_000 };
    ({ listingId } = await t.ok<{ listingId: string }>('staffGuangrui1', at('/listings'), unit));
    await t.ok('staffGuangrui1', at(`/listings/${listingId}/publication`), {}, 200);
    await t.ok('staffGuangrui1', at(`/listings/${listingId}/price`), { monthlyRentFen: 120_000 }, 200);
    expect(types(await t.stream(brokerageStreams.listing(STATION, listingId)))).toEqual([
      'brokerage.listing-created',
      'brokerage.listing-published',
      'brokerage.listing-price-changed',
    ]);
  });

  it('refuses a listing of a landlord the station does not know', async () => {
    const reply = await t.post('staffGuangrui1', at('/listings'), {
      landlordId: crypto.randomUUID(),
      compound: '广瑞一村',
      building: '1',
      unit: '1',
      room: '101',
      areaSqm: 20,
      rooms: 1,
      monthlyRentFen: 80_000,
      depositFen: 0,
    });
    expect(reply).toMatchObject({ status: 422, body: { code: 'landlord-not-found' } });
  });
});

describe('when a resident looks for housing', () => {
  it('opens their request with the notes encrypted under their key', async () => {
    residentId = await t.newResident();
    ({ requestId } = await t.ok<{ requestId: string }>('staffGuangrui1', at(`/residents/${residentId}/housing-requests`), {
      budgetFen: 150_000,
      householdSize: 3,
      workArea: '广瑞路工业园',
      notes: '需要一楼',
    }));
    const [requested] = await t.stream(brokerageStreams.housingFile(STATION, residentId));
    expect(JSON.stringify(requested)).not.toContain('需要一楼');
  });

  it('refuses a request for someone the registry never registered', async () => {
    const reply = await t.post('staffGuangrui1', at(`/residents/${crypto.randomUUID()}/housing-requests`), { budgetFen: 1, householdSize: 1, workArea: 'x' });
    expect(reply).toMatchObject({ status: 422, body: { code: 'resident-unknown' } });
  });

  it('revises the request, arranges a viewing of the listing and records how it went', async () => {
    const requestUrl = at(`/residents/${residentId}/housing-requests/${requestId}`);
    await t.ok('staffGuangrui1', `${requestUrl}/revision`, { budgetFen: 140_000, householdSize: 3, workArea: '广瑞路工业园' }, 200);
    const { viewingId } = await t.ok<{ viewingId: string }>('staffGuangrui1', `${requestUrl}/viewings`, { listingId, scheduledAt: `${t.today}T10:00:00+08:00` });
    await t.ok('staffGuangrui1', `${requestUrl}/viewings/${viewingId}/outcome`, { outcome: 'interested' }, 200);
    expect(types(await t.stream(brokerageStreams.housingFile(STATION, residentId)))).toEqual([
      'brokerage.housing-requested',
      'brokerage.housing-request-revised',
      'brokerage.viewing-scheduled',
      'brokerage.viewing-outcome-recorded',
    ]);
  });
});

describe('when the lease is signed', () => {
  const signedOn = () => dayOf(t.lastMonth, 10);

  it('assesses the fee from the schedule, lets the unit, closes the request and invoices the fee', async () => {
    const signed = await t.ok<{ leaseId: string; invoiceId: string; fee: { amountFen: number } }>('staffGuangrui1', at('/leases'), {
      listingId,
      residentId,
      requestId,
      startsOn: dayOf(t.lastMonth, 15),
      endsOn: dayOf(addMonths(t.lastMonth, 12), 14),
      signedOn: signedOn(),
    });
    ({ leaseId, invoiceId } = signed);
    expect(signed.fee).toEqual({ amountFen: 36_000, basisPoints: 3000, capFen: 50_000, scheduleEffectiveFrom: firstDayOf(addMonths(t.lastMonth, -1)) });
    expect(types(await t.stream(brokerageStreams.listing(STATION, listingId))).at(-1)).toBe('brokerage.listing-let');
    expect(types(await t.stream(brokerageStreams.housingFile(STATION, residentId))).at(-1)).toBe('brokerage.housing-request-closed');

    await t.settled();
    const [invoiced] = await t.stream(brokerageStreams.invoice(STATION, invoiceId));
    expect(invoiced).toMatchObject({ type: 'brokerage.fee-invoiced', data: { leaseId, residentId, amountFen: 36_000, issuedOn: signedOn() } });
    expect((await ledger()).map((entry) => [entry.kind, entry.period])).toEqual([['fee-invoiced', t.lastMonth]]);
  });

  it('carries the new address for the registry, encrypted under the resident’s key', async () => {
    const [signed] = await t.stream(brokerageStreams.lease(STATION, leaseId));
    const { compound, address } = signed.data as { compound: string; address: string };
    expect(compound).toBe('广瑞一村');
    expect(await t.cipher.decrypt(residentId, address)).toEqual({ building: '12', unit: '2', room: '301' });
  });

  it('refuses to let the same unit twice', async () => {
    const other = await t.newResident();
    const reply = await t.post('staffGuangrui1', at('/leases'), { listingId, residentId: other, startsOn: t.today, endsOn: dayOf(addMonths(monthOf(t.today), 6), 1) });
    expect(reply).toMatchObject({ status: 409, body: { code: 'listing-not-available' } });
  });
});

describe('when the fee is paid and the month closed', () => {
  it('books the payment and the month’s expenses in the ledger', async () => {
    await t.ok('staffGuangrui1', at(`/invoices/${invoiceId}/payments`), { amountFen: 36_000, method: 'transfer', reference: 'WX-0001', on: dayOf(t.lastMonth, 12) });
    // The payment reaches the ledger through a reaction; the journal's order is the order entries were booked.
    await t.settled();
    await t.ok('staffGuangrui1', at('/ledger/expenses'), { amountFen: 10_000, paidFrom: 'cash', category: 'supplies', description: 'forms', spentOn: dayOf(t.lastMonth, 20) });
    await t.settled();
    expect((await ledger()).map((entry) => entry.kind)).toEqual(['fee-invoiced', 'fee-paid', 'expense']);
  });

  it('closes the month, allocating its surplus to the welfare fund for volunteering to spend', async () => {
    const closed = await t.ok<Record<string, unknown>>('leadGuangrui1', at('/ledger/closes'), { period: t.lastMonth });
    expect(closed).toMatchObject({ period: t.lastMonth, revenueFen: 36_000, expensesFen: 10_000, surplusFen: 26_000, allocatedFen: 26_000 });
    await t.settled();
    const allocationId = closed['allocationId'] as string;
    const [allocated] = await t.stream(brokerageStreams.surplus(STATION, allocationId));
    expect(allocated).toMatchObject({
      type: 'brokerage.surplus-allocated',
      data: { allocationId, stationId: STATION, period: t.lastMonth, amountFen: 26_000 },
    });
    const allocationEntry = (await ledger()).find((entry) => entry.kind === 'surplus-allocation');
    expect((allocated.data as { ledgerEntryId: string }).ledgerEntryId).toBe(allocationEntry?.entryId);
  });

  it('refuses to close the month again, and a month not yet ended', async () => {
    expect(await t.post('leadGuangrui1', at('/ledger/closes'), { period: t.lastMonth })).toMatchObject({ status: 409, body: { code: 'period-already-closed' } });
    expect(await t.post('leadGuangrui1', at('/ledger/closes'), { period: monthOf(t.today) })).toMatchObject({ status: 422, body: { code: 'period-not-ended' } });
  });

  it('books an expense dated in the closed month in the open one', async () => {
    await t.ok('staffGuangrui1', at('/ledger/expenses'), { amountFen: 2_000, paidFrom: 'cash', category: 'supplies', description: 'ink', spentOn: dayOf(t.lastMonth, 28) });
    expect((await ledger()).at(-1)).toMatchObject({ kind: 'expense', date: dayOf(t.lastMonth, 28), period: monthOf(t.today) });
  });
});

describe('when a fee is corrected', () => {
  it('refunds part of a payment (lead only) and books it against revenue', async () => {
    const { refundId } = await t.ok<{ refundId: string }>('leadGuangrui1', at(`/invoices/${invoiceId}/refunds`), {
      amountFen: 6_000,
      method: 'transfer',
      reference: 'WX-R-1',
      reason: 'moved in a week late',
    });
    expect(refundId).toBeDefined();
    await t.settled();
    expect((await ledger()).at(-1)).toMatchObject({ kind: 'fee-refunded', lines: [{ account: 'fee-refunds', amountFen: 6_000 }, { account: 'bank', amountFen: 6_000 }] });
  });

  it('waives a fee for hardship, citing a case and naming the lead, with the justification encrypted', async () => {
    const { invoiceId: owed } = await signAnotherLease();
    await t.ok('leadGuangrui1', at(`/invoices/${owed}/waiver`), { basis: { kind: 'case-fact', reference: 'case-2026-117' }, justification: '工伤住院' }, 200);
    const waived = (await t.stream(brokerageStreams.invoice(STATION, owed))).at(-1);
    expect(waived).toMatchObject({ type: 'brokerage.fee-waived', data: { basis: { kind: 'case-fact', reference: 'case-2026-117' }, approvedBy: 'user-leadGuangrui1' } });
    expect(JSON.stringify(waived)).not.toContain('工伤住院');
  });

  it('voids an invoice issued in error with a reversing entry', async () => {
    const { invoiceId: wrong } = await signAnotherLease();
    await t.ok('leadGuangrui1', at(`/invoices/${wrong}/void`), { reason: 'wrong tenant' }, 200);
    await t.settled();
    const entries = await ledger();
    const original = entries.find((entry) => entry.kind === 'fee-invoiced' && entry.source?.id === wrong);
    expect(entries.at(-1)).toMatchObject({ kind: 'invoice-voided', reverses: original?.entryId });
  });

  it('reverses an expense booked twice', async () => {
    const { entryId } = await t.ok<{ entryId: string }>('staffGuangrui1', at('/ledger/expenses'), { amountFen: 5_000, paidFrom: 'bank', category: 'utilities', description: 'water' });
    await t.ok('leadGuangrui1', at(`/ledger/entries/${entryId}/reversal`), { reason: 'booked twice' });
    expect((await ledger()).at(-1)).toMatchObject({ kind: 'reversal', reverses: entryId });
  });
});

describe('when the lease runs its course', () => {
  it('renews without a fee under a schedule that charges none on renewals', async () => {
    const renewed = await t.ok<{ invoiceId: string | null; fee: { amountFen: number } }>(
      'staffGuangrui1',
      at(`/leases/${leaseId}/renewal`),
      { endsOn: dayOf(addMonths(t.lastMonth, 24), 14) },
      200,
    );
    expect(renewed).toMatchObject({ invoiceId: null, fee: { amountFen: 0 } });
  });

  it('ends, returning the deposit, and the unit is free again', async () => {
    expect(await t.post('staffGuangrui1', at(`/listings/${listingId}/vacancy`), {})).toMatchObject({ status: 409, body: { code: 'lease-active' } });
    await t.ok('staffGuangrui1', at(`/leases/${leaseId}/end`), { depositReturnedFen: 120_000 }, 200);
    expect(types(await t.stream(brokerageStreams.listing(STATION, listingId))).at(-1)).toBe('brokerage.listing-vacated');
    await t.ok('staffGuangrui1', at(`/listings/${listingId}/publication`), {}, 200);
    await t.ok('staffGuangrui1', at(`/listings/${listingId}/withdrawal`), { reason: 'the landlord moves back in' }, 200);
  });
});

describe('when the district buys day-care from the station', () => {
  it('records attendance, claims the month and books the grant', async () => {
    const { contractId } = await t.ok<{ contractId: string }>('leadGuangrui1', at('/service-contracts'), {
      service: 'child-day-care',
      purchaser: '梁溪区民政局',
      unit: 'child-day',
      unitPriceFen: 3_000,
      startsOn: firstDayOf(t.lastMonth),
      endsOn: dayOf(addMonths(t.lastMonth, 11), 28),
      reference: 'LX-GM-017',
    });
    const contract = at(`/service-contracts/${contractId}`);
    await t.ok('staffGuangrui1', `${contract}/deliveries`, { deliveredOn: dayOf(t.lastMonth, 3), units: 20 }, 200);
    await t.ok('staffGuangrui1', `${contract}/deliveries`, { deliveredOn: dayOf(t.lastMonth, 4), units: 25 }, 200);
    await t.ok('staffGuangrui1', `${contract}/deliveries`, { deliveredOn: dayOf(t.lastMonth, 4), units: 23, correctionReason: 'two counted twice' }, 200);
    const claim = await t.ok<{ claimId: string; units: number; amountFen: number }>('leadGuangrui1', `${contract}/claims`, { period: t.lastMonth });
    expect(claim).toMatchObject({ units: 43, amountFen: 129_000 });
    await t.ok('staffGuangrui1', `${contract}/claims/${claim.claimId}/receipts`, { amountFen: 120_000, reference: 'CZ-1', final: true });
    await t.settled();
    expect((await ledger()).slice(-2)).toMatchObject([
      { kind: 'grant-claimed', lines: [{ account: 'grant-receivable', amountFen: 129_000 }, { account: 'grant-revenue', amountFen: 129_000 }] },
      { kind: 'grant-received', lines: [{ account: 'bank', amountFen: 120_000 }, expect.anything(), { account: 'grant-revenue', amountFen: 9_000 }, expect.anything()] },
    ]);
  });
});

describe('when people are erased', () => {
  it('closes the housing file of a resident the registry erased', async () => {
    await givenResidentErased(t, STATION, residentId);
    await t.settled();
    expect(types(await t.stream(brokerageStreams.housingFile(STATION, residentId))).at(-1)).toBe('brokerage.housing-file-erased');
    const reply = await t.post('staffGuangrui1', at(`/residents/${residentId}/housing-requests`), { budgetFen: 1, householdSize: 1, workArea: 'x' });
    expect(reply).toMatchObject({ status: 409, body: { code: 'resident-erased' } });
  });

  it('erases a landlord on the lead’s word, so their contact is unreadable everywhere', async () => {
    await t.ok('leadGuangrui1', at(`/landlords/${landlordId}/erasure`), { requestedBy: 'the landlord', reason: 'stopped letting' }, 200);
    const [registered] = await t.stream(brokerageStreams.landlord(STATION, landlordId));
    expect(await t.cipher.decrypt(landlordId, (registered.data as { contact: string }).contact)).toBeNull();
    const before = await t.headPosition();
    await t.ok('leadGuangrui1', at(`/landlords/${landlordId}/erasure`), { requestedBy: 'the landlord', reason: 'again' }, 200);
    expect(await t.headPosition()).toBe(before);
  });
});

/** A published unit let to a new resident today; returns its invoice. */
async function signAnotherLease(): Promise<{ invoiceId: string }> {
  const resident = await t.newResident();
  const { listingId: unit } = await t.ok<{ listingId: string }>('staffGuangrui1', at('/listings'), {
    landlordId,
    compound: '广瑞二村',
    building: String(Math.floor(Math.random() * 90) + 10),
    unit: '1',
    room: '201',
    areaSqm: 30,
    rooms: 1,
    monthlyRentFen: 100_000,
    depositFen: 0,
  });
  await t.ok('staffGuangrui1', at(`/listings/${unit}/publication`), {}, 200);
  const signed = await t.ok<{ invoiceId: string }>('staffGuangrui1', at('/leases'), {
    listingId: unit,
    residentId: resident,
    startsOn: t.today,
    endsOn: dayOf(addMonths(monthOf(t.today), 12), 1),
  });
  await t.settled();
  return signed;
}
