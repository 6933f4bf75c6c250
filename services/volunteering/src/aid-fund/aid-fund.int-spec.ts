import { volunteeringStreams } from '@kinship/contracts';
import { useVolunteeringTestApp } from '../testing/volunteering-test-app';
import { AidFundView, AidPaymentTraceView } from './get-aid-fund/aid-fund.view';

const t = useVolunteeringTestApp();
let pairingAtGuangyi: string;
let pairingAtGuangrui1: string;

beforeAll(async () => {
  pairingAtGuangyi = await t.pair('guangyi', await t.enrol('guangyi'), { householdId: 'hh-guangyi' });
  pairingAtGuangrui1 = await t.pair('guangrui-1', await t.enrol('guangrui-1'));
});

const FUND = '/centers/guangrui/aid-fund';
const fund = async () => (await t.get<AidFundView>('centerManager', FUND)).body;
const pay = (body: Record<string, unknown>) => t.post('centerManager', `${FUND}/payments`, { purpose: 'living-allowance', ...body });

describe("the council's welfare fund", () => {
  it('is credited with the surplus allocated by every station of the center, once each', async () => {
    const before = (await fund()).balanceFen;
    const first = await t.allocateSurplus('guangrui-1', 300_00, '2026-04');
    await t.allocateSurplus('guangyi', 200_00, '2026-04');
    await t.settled();

    const after = await fund();
    expect(after.balanceFen - before).toBe(500_00);
    expect(after.allocations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ allocationId: first.allocationId, fromStationId: 'guangrui-1', period: '2026-04', ledgerEntryId: first.ledgerEntryId, remainingFen: 300_00 }),
      ]),
    );
    const credits = await t.stream(volunteeringStreams.aidFund('guangrui'));
    expect(credits.find((event) => (event.data as { allocationId?: string }).allocationId === first.allocationId)).toMatchObject({
      tenantId: 'guangrui',
      metadata: { causationId: first.eventId, actor: { userId: 'volunteering', role: 'system' } },
    });
  });

  it("does not credit another center's fund", async () => {
    await t.allocateSurplus('huishan-1', 999_00);
    await t.settled();
    expect((await t.get<AidFundView>('otherCenterManager', '/centers/huishan/aid-fund')).body.balanceFen).toBe(999_00);
    expect((await fund()).allocations.map((a) => a.fromStationId)).not.toContain('huishan-1');
  });
});

describe('when aid is paid to a pairing', () => {
  it('traces the payment back to the surplus allocations that funded it, oldest first', async () => {
    const spent = (await fund()).balanceFen;
    if (spent > 0) await pay({ stationId: 'guangyi', pairingId: pairingAtGuangyi, amountFen: spent });
    const older = await t.allocateSurplus('guangrui-1', 120_00, '2026-05');
    const newer = await t.allocateSurplus('guangyi', 500_00, '2026-05');
    await t.settled();

    const reply = await pay({ stationId: 'guangyi', pairingId: pairingAtGuangyi, amountFen: 150_00, purpose: 'medical' });

    expect(reply.status).toBe(201);
    expect(reply.body['fundedBy']).toEqual([
      { allocationId: older.allocationId, amountFen: 120_00 },
      { allocationId: newer.allocationId, amountFen: 30_00 },
    ]);
    const trace = await t.get<AidPaymentTraceView>('centerManager', `${FUND}/payments/${reply.body['paymentId']}`);
    expect(trace.status).toBe(200);
    expect(trace.body.payment).toMatchObject({ stationId: 'guangyi', pairingId: pairingAtGuangyi, householdId: 'hh-guangyi', amountFen: 150_00, purpose: 'medical' });
    expect(trace.body.fundedBy).toEqual([
      expect.objectContaining({ allocationId: older.allocationId, fromStationId: 'guangrui-1', period: '2026-05', ledgerEntryId: older.ledgerEntryId, surplusEventId: older.eventId, drawnFen: 120_00 }),
      expect.objectContaining({ allocationId: newer.allocationId, fromStationId: 'guangyi', period: '2026-05', ledgerEntryId: newer.ledgerEntryId, surplusEventId: newer.eventId, drawnFen: 30_00 }),
    ]);
    expect((await fund()).balanceFen).toBe(470_00);
  });

  it('never pays more than the fund holds, and appends nothing when it would', async () => {
    const { balanceFen } = await fund();
    const before = await t.headPosition();
    const reply = await pay({ stationId: 'guangrui-1', pairingId: pairingAtGuangrui1, amountFen: balanceFen + 1 });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'aid-fund-insufficient', details: { balanceFen, requestedFen: balanceFen + 1 } });
    expect(await t.headPosition()).toBe(before);
  });

  it('lets only one of two payments racing for the same money through', async () => {
    const { balanceFen } = await fund();
    const replies = await Promise.all([
      pay({ stationId: 'guangrui-1', pairingId: pairingAtGuangrui1, amountFen: balanceFen }),
      pay({ stationId: 'guangyi', pairingId: pairingAtGuangyi, amountFen: balanceFen }),
    ]);
    const [won, lost] = [...replies].sort((a, b) => a.status - b.status);
    expect(won.status).toBe(201);
    // Refused by the balance when it ran second, or by the fund's stream version when it ran alongside.
    expect([409, 422]).toContain(lost.status);
    expect((await fund()).balanceFen).toBe(0);
  });

  it('refuses a station of another center and a pairing that does not exist', async () => {
    await t.allocateSurplus('guangrui-1', 10_00);
    await t.settled();
    expect((await pay({ stationId: 'huishan-1', pairingId: pairingAtGuangrui1, amountFen: 100 })).body).toMatchObject({ status: 422, code: 'station-not-in-center' });
    expect((await pay({ stationId: 'guangrui-1', pairingId: 'no-such-pairing', amountFen: 100 })).body).toMatchObject({ status: 404, code: 'pairing-not-found' });
  });

  it('refuses aid to a pairing that has ended', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const pairingId = await t.pair('guangrui-1', volunteerId);
    await t.post('staffGuangrui1', `/stations/guangrui-1/pairings/${pairingId}/ending`, { reason: 'no-longer-needed' });
    expect((await pay({ stationId: 'guangrui-1', pairingId, amountFen: 100 })).body).toMatchObject({ status: 409, code: 'pairing-ended' });
  });
});

describe('when a payment is reversed', () => {
  it('returns the money to the allocations that funded it, once', async () => {
    const allocation = await t.allocateSurplus('guangyi', 80_00);
    await t.settled();
    const before = await fund();
    const paid = await pay({ stationId: 'guangyi', pairingId: pairingAtGuangyi, amountFen: before.balanceFen });
    const paymentId = paid.body['paymentId'] as string;

    expect((await t.post('centerManager', `${FUND}/payments/${paymentId}/reversal`, { reason: 'paid-in-error' })).status).toBe(200);
    const after = await fund();
    expect(after.balanceFen).toBe(before.balanceFen);
    expect(after.allocations.find((a) => a.allocationId === allocation.allocationId)?.remainingFen).toBe(80_00);
    expect(after.payments.find((p) => p.paymentId === paymentId)).toMatchObject({ reversed: true, reversalReason: 'paid-in-error' });

    expect((await t.post('centerManager', `${FUND}/payments/${paymentId}/reversal`, { reason: 'duplicate' })).body).toMatchObject({
      status: 409,
      code: 'payment-already-reversed',
    });
  });

  it('answers 404 for a payment the fund never made', async () => {
    expect((await t.get('centerManager', `${FUND}/payments/no-such-payment`)).status).toBe(404);
    expect((await t.post('centerManager', `${FUND}/payments/no-such-payment/reversal`, { reason: 'other' })).status).toBe(404);
  });
});
