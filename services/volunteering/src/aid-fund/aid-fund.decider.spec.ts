import { volunteeringEventContracts } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { AidFundCommand, aidFundDecider, AidFundEvent, AidFundState, balanceOf } from './aid-fund.decider';
import { atTenOn, issuedAt } from '../testing/decider-command';

const CENTER = 'guangrui';
const TODAY = '2026-06-15';

const command = <T extends AidFundCommand['type']>(type: T, data: Extract<AidFundCommand, { type: T }>['data']) => issuedAt<AidFundCommand>({ type, data }, atTenOn(TODAY), CENTER);

const credited = (allocationId: string, amountFen: number, fromStationId = 'guangrui-1'): AidFundEvent => ({
  type: 'volunteering.aid-fund-credited',
  data: { centerId: CENTER, allocationId, fromStationId, period: '2026-04', amountFen, ledgerEntryId: `ledger-${allocationId}`, surplusEventId: `event-${allocationId}` },
});
const paid = (paymentId: string, amountFen: number, fundedBy: Array<{ allocationId: string; amountFen: number }>): AidFundEvent => ({
  type: 'volunteering.aid-paid',
  data: { centerId: CENTER, paymentId, stationId: 'guangyi', pairingId: 'pair-1', householdId: 'hh-1', amountFen, purpose: 'living-allowance', paidOn: TODAY, fundedBy },
});
const activePairing = { status: 'active' as const, householdId: 'hh-1' };
const pay = (paymentId: string, amountFen: number, pairing: Extract<AidFundCommand, { type: 'PayAid' }>['data']['pairing'] = activePairing) =>
  command('PayAid', { centerId: CENTER, paymentId, stationId: 'guangyi', pairingId: 'pair-1', pairing, amountFen, purpose: 'living-allowance' });

const spec = deciderSpec(aidFundDecider, { contracts: volunteeringEventContracts });

describe('the aid fund', () => {
  describe('when a surplus allocation arrives', () => {
    const credit = (allocationId: string, amountFen: number) => command('CreditAllocation', { ...credited(allocationId, amountFen).data } as Extract<AidFundCommand, { type: 'CreditAllocation' }>['data']);

    it('credits it, ready to fund payments', () => {
      const state = spec.given([]).when(credit('alloc-1', 500_00)).then([credited('alloc-1', 500_00)]);
      expect(balanceOf(state)).toBe(500_00);
    });

    it('credits an allocation once, however often it arrives', () => {
      spec.given([credited('alloc-1', 500_00)]).when(credit('alloc-1', 500_00)).then([]);
    });

    it('credits nothing for an empty month', () => {
      spec.given([]).when(credit('alloc-0', 0)).then([]);
    });

    it('rejects an amount that is not whole fen', () => {
      spec.given([]).when(credit('alloc-1', 10.5)).thenRejects('invalid-amount', { status: 422 });
    });
  });

  describe('when aid is paid to a pairing', () => {
    it('draws on the oldest allocations first and records which funded it', () => {
      const state = spec
        .given([credited('alloc-1', 300_00), credited('alloc-2', 500_00, 'guangyi')])
        .when(pay('pay-1', 400_00))
        .then([paid('pay-1', 400_00, [{ allocationId: 'alloc-1', amountFen: 300_00 }, { allocationId: 'alloc-2', amountFen: 100_00 }])]);
      expect(balanceOf(state)).toBe(400_00);
      expect(state.allocations.map((a) => a.remainingFen)).toEqual([0, 400_00]);
    });

    it('skips allocations already spent', () => {
      spec
        .given([credited('alloc-1', 300_00), credited('alloc-2', 500_00), paid('pay-1', 300_00, [{ allocationId: 'alloc-1', amountFen: 300_00 }])])
        .when(pay('pay-2', 50_00))
        .then([paid('pay-2', 50_00, [{ allocationId: 'alloc-2', amountFen: 50_00 }])]);
    });

    it('pays out the very last fen it holds', () => {
      const state = spec.given([credited('alloc-1', 300_00)]).when(pay('pay-1', 300_00)).then([paid('pay-1', 300_00, [{ allocationId: 'alloc-1', amountFen: 300_00 }])]);
      expect(balanceOf(state)).toBe(0);
    });

    it('rejects paying beyond what the fund holds', () => {
      spec
        .given([credited('alloc-1', 300_00), paid('pay-1', 200_00, [{ allocationId: 'alloc-1', amountFen: 200_00 }])])
        .when(pay('pay-2', 100_01))
        .thenRejects('aid-fund-insufficient', { status: 422, details: { balanceFen: 100_00, requestedFen: 100_01 } });
    });

    it('rejects any payment from an empty fund', () => {
      spec.given([]).when(pay('pay-1', 1)).thenRejects('aid-fund-insufficient');
    });

    it.each([0, -5, 99.9])('rejects an amount of %p fen', (amountFen) => {
      spec.given([credited('alloc-1', 300_00)]).when(pay('pay-1', amountFen)).thenRejects('invalid-amount');
    });

    it('rejects a pairing that has ended', () => {
      spec.given([credited('alloc-1', 300_00)]).when(pay('pay-1', 100, { status: 'ended', householdId: 'hh-1' })).thenRejects('pairing-ended', { status: 409 });
    });

    it('rejects a pairing that does not exist', () => {
      spec.given([credited('alloc-1', 300_00)]).when(pay('pay-1', 100, { status: 'none' })).thenRejects('pairing-not-found', { status: 404 });
    });

    it('rejects a payment id used before', () => {
      spec
        .given([credited('alloc-1', 300_00), paid('pay-1', 100, [{ allocationId: 'alloc-1', amountFen: 100 }])])
        .when(pay('pay-1', 100))
        .thenRejects('payment-already-recorded', { status: 409 });
    });

    it('rejects a payment dated in the future', () => {
      spec
        .given([credited('alloc-1', 300_00)])
        .when(command('PayAid', { centerId: CENTER, paymentId: 'pay-1', stationId: 'guangyi', pairingId: 'pair-1', pairing: activePairing, amountFen: 100, purpose: 'medical', paidOn: '2026-06-16' }))
        .thenRejects('date-in-future');
    });
  });

  describe('when a payment is reversed', () => {
    const history: AidFundEvent[] = [
      credited('alloc-1', 300_00),
      credited('alloc-2', 500_00),
      paid('pay-1', 400_00, [{ allocationId: 'alloc-1', amountFen: 300_00 }, { allocationId: 'alloc-2', amountFen: 100_00 }]),
    ];

    it('gives the money back to the allocations that funded it', () => {
      const state: AidFundState = spec
        .given(history)
        .when(command('ReverseAidPayment', { centerId: CENTER, paymentId: 'pay-1', reason: 'paid-in-error' }))
        .then([
          {
            type: 'volunteering.aid-payment-reversed',
            data: { centerId: CENTER, paymentId: 'pay-1', reason: 'paid-in-error', restored: [{ allocationId: 'alloc-1', amountFen: 300_00 }, { allocationId: 'alloc-2', amountFen: 100_00 }] },
          },
        ]);
      expect(state.allocations.map((a) => a.remainingFen)).toEqual([300_00, 500_00]);
      expect(state.payments['pay-1']).toMatchObject({ reversed: true, reversalReason: 'paid-in-error' });
    });

    it('rejects reversing it twice', () => {
      const reversed: AidFundEvent = {
        type: 'volunteering.aid-payment-reversed',
        data: { centerId: CENTER, paymentId: 'pay-1', reason: 'duplicate', restored: [{ allocationId: 'alloc-1', amountFen: 300_00 }, { allocationId: 'alloc-2', amountFen: 100_00 }] },
      };
      spec.given([...history, reversed]).when(command('ReverseAidPayment', { centerId: CENTER, paymentId: 'pay-1', reason: 'duplicate' })).thenRejects('payment-already-reversed', { status: 409 });
    });

    it('rejects an unknown payment', () => {
      spec.given(history).when(command('ReverseAidPayment', { centerId: CENTER, paymentId: 'pay-9', reason: 'other' })).thenRejects('payment-not-found', { status: 404 });
    });
  });
});
