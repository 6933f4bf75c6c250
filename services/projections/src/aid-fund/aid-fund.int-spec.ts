import { AidFundCredited, AidPaid } from '@kinship/contracts';
import { OUTSIDERS, readAs, readModelSpec } from '../volunteer-testing/read-model-http';
import { AidFundLedgerPage } from './aid-fund.queries';

describe('aid fund ledger over HTTP', () => {
  const spec = readModelSpec(async (write) => {
    const credit = (allocationId: string, fromStationId: string, amountFen: number) =>
      write.fund('guangrui', AidFundCredited, {
        centerId: 'guangrui',
        allocationId,
        fromStationId,
        period: '2026-05',
        amountFen,
        ledgerEntryId: `ledger-${allocationId}`,
        surplusEventId: `event-${allocationId}`,
      });
    await credit('alloc-1', 'guangrui-1', 300_00);
    await credit('alloc-2', 'guangyi', 200_00);
    return write.fund('guangrui', AidPaid, {
      centerId: 'guangrui',
      paymentId: 'pay-1',
      stationId: 'guangrui-1',
      pairingId: 'pair-1',
      householdId: 'hh-1',
      amountFen: 120_00,
      purpose: 'festival-visit',
      paidOn: '2026-06-01',
      fundedBy: [{ allocationId: 'alloc-1', amountFen: 120_00 }],
    });
  });
  const http = () => spec.http();

  it("gives the center's manager the balance and every movement, latest first", async () => {
    const reply = await readAs<AidFundLedgerPage>(http(), ['center-manager', 'guangrui'], `/centers/guangrui/aid-fund-ledger?afterPosition=${spec.head()}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ centerId: 'guangrui', balanceFen: 380_00, creditedFen: 500_00, paidFen: 120_00, total: 3 });
    expect(reply.body.movements.map(({ kind, amountFen, balanceAfterFen }) => ({ kind, amountFen, balanceAfterFen }))).toEqual([
      { kind: 'payment', amountFen: -120_00, balanceAfterFen: 380_00 },
      { kind: 'credit', amountFen: 200_00, balanceAfterFen: 500_00 },
      { kind: 'credit', amountFen: 300_00, balanceAfterFen: 300_00 },
    ]);
    expect(reply.body.movements[0]).toMatchObject({ paymentId: 'pay-1', pairingId: 'pair-1', allocations: [{ allocationId: 'alloc-1', amountFen: 120_00 }] });
  });

  it("shows a station its chain's balance and only the movements that concern it", async () => {
    const reply = await readAs<AidFundLedgerPage>(http(), ['station-staff', 'guangyi'], '/stations/guangyi/aid-fund-ledger');
    expect(reply.body).toMatchObject({ centerId: 'guangrui', balanceFen: 380_00, total: 1, movements: [{ kind: 'credit', allocationId: 'alloc-2' }] });
    const payments = await readAs<AidFundLedgerPage>(http(), ['station-staff', 'guangrui-1'], '/stations/guangrui-1/aid-fund-ledger?kind=payment');
    expect(payments.body.movements.map((movement) => movement.paymentId)).toEqual(['pay-1']);
  });

  it("refuses another chain's manager, station staff at the center view, and outsiders at a station's", async () => {
    expect((await readAs(http(), ['center-manager', 'huishan'], '/centers/guangrui/aid-fund-ledger')).status).toBe(403);
    expect((await readAs(http(), ['station-lead', 'guangrui-1'], '/centers/guangrui/aid-fund-ledger')).status).toBe(403);
    for (const outsider of OUTSIDERS) expect((await readAs(http(), outsider, '/stations/guangrui-1/aid-fund-ledger')).status).toBe(403);
    expect((await readAs(http(), null, '/centers/guangrui/aid-fund-ledger')).status).toBe(401);
  });

  it('answers 400 problem+json to a bad query', async () => {
    for (const query of ['kind=gift', 'page=0', 'afterPosition=-1']) {
      const reply = await readAs<{ code: string }>(http(), ['center-manager', 'guangrui'], `/centers/guangrui/aid-fund-ledger?${query}`);
      expect({ query, status: reply.status, code: reply.body.code }).toEqual({ query, status: 400, code: 'validation-failed' });
    }
  });
});
