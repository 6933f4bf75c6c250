import { AidFundCredited, AidPaid, AidPaymentReversed } from '@kinship/contracts';
import { projectionSpec } from '../volunteer-testing/projection-harness';
import { AID_FUND_MOVEMENTS, AID_FUNDS, AidFundDocument, AidFundMovementDocument } from './aid-fund.document';
import { aidFundProjection } from './aid-fund.projection';

describe('aid fund ledger projection', () => {
  const { write, harness } = projectionSpec(() => aidFundProjection());

  const credit = (centerId: string, allocationId: string, amountFen: number, fromStationId: string) =>
    write().fund(centerId, AidFundCredited, {
      centerId,
      allocationId,
      fromStationId,
      period: '2026-05',
      amountFen,
      ledgerEntryId: `ledger-${allocationId}`,
      surplusEventId: `event-${allocationId}`,
    });

  it('keeps the balance, and every movement with the balance after it', async () => {
    await credit('center-a', 'alloc-1', 300_00, 'guangrui-1');
    await credit('center-a', 'alloc-2', 200_00, 'guangyi');
    await write().fund('center-a', AidPaid, {
      centerId: 'center-a',
      paymentId: 'pay-1',
      stationId: 'guangyi',
      pairingId: 'pair-1',
      householdId: 'hh-1',
      amountFen: 350_00,
      purpose: 'living-allowance',
      paidOn: '2026-06-01',
      fundedBy: [
        { allocationId: 'alloc-1', amountFen: 300_00 },
        { allocationId: 'alloc-2', amountFen: 50_00 },
      ],
    });
    await write().fund('center-a', AidPaymentReversed, {
      centerId: 'center-a',
      paymentId: 'pay-1',
      reason: 'paid-in-error',
      restored: [
        { allocationId: 'alloc-1', amountFen: 300_00 },
        { allocationId: 'alloc-2', amountFen: 50_00 },
      ],
    });
    await harness().project();
    await harness().again();

    expect(await harness().collection<AidFundDocument>(AID_FUNDS).get('center-a')).toMatchObject({ balanceFen: 500_00, creditedFen: 500_00, paidFen: 0 });
    const movements = await harness().collection<AidFundMovementDocument>(AID_FUND_MOVEMENTS).find({ centerId: 'center-a' }, { sort: { sequence: 1 } });
    expect(movements.map(({ kind, amountFen, balanceAfterFen, stationId }) => ({ kind, amountFen, balanceAfterFen, stationId }))).toEqual([
      { kind: 'credit', amountFen: 300_00, balanceAfterFen: 300_00, stationId: 'guangrui-1' },
      { kind: 'credit', amountFen: 200_00, balanceAfterFen: 500_00, stationId: 'guangyi' },
      { kind: 'payment', amountFen: -350_00, balanceAfterFen: 150_00, stationId: 'guangyi' },
      { kind: 'reversal', amountFen: 350_00, balanceAfterFen: 500_00, stationId: 'guangyi' },
    ]);
    expect(movements[2]).toMatchObject({ paymentId: 'pay-1', pairingId: 'pair-1', allocations: [{ allocationId: 'alloc-1', amountFen: 300_00 }, { allocationId: 'alloc-2', amountFen: 50_00 }] });
    expect(movements[0]).toMatchObject({ allocationId: 'alloc-1', period: '2026-05', ledgerEntryId: 'ledger-alloc-1' });
  });

  it('keeps each center its own fund', async () => {
    await credit('center-b', 'alloc-b', 10_00, 'huishan-1');
    await harness().project();
    expect(await harness().collection<AidFundDocument>(AID_FUNDS).get('center-b')).toMatchObject({ balanceFen: 10_00 });
    expect(await harness().collection<AidFundDocument>(AID_FUNDS).get('center-a')).toBeNull();
  });
});
