import { deciderSpec } from '@kinship/testing';
import { metadata, specOptions, TODAY } from '../testing/decider-fixtures';
import { FeeScheduleCommand, feeScheduleDecider, FeeScheduleEvent, termsOn } from './fee-schedule.decider';
import { assessFee, FeeTerms } from './fee-terms';

const spec = deciderSpec(feeScheduleDecider, specOptions);
const centerId = 'guangrui';
const terms = { basisPoints: 3000, capFen: 50_000, renewalBasisPoints: 0 };
const set = (overrides: Partial<FeeScheduleCommand['data']> = {}): FeeScheduleCommand => ({
  type: 'SetFeeSchedule',
  data: { centerId, ...terms, ...overrides },
  metadata: metadata({ actor: { userId: 'manager-1', role: 'center-manager' }, tenantId: centerId }),
});
const setEvent = (effectiveFrom: string, overrides: Partial<typeof terms> = {}): FeeScheduleEvent => ({
  type: 'brokerage.fee-schedule-set',
  data: { centerId, effectiveFrom, ...terms, ...overrides, setOn: TODAY },
});

describe("a center's fee schedule", () => {
  describe('when set', () => {
    it('takes effect today unless told', () => {
      spec.given([]).when(set()).then([setEvent(TODAY)]);
    });

    it('takes a revision from a later day, leaving the terms in force until then', () => {
      const state = spec.given([setEvent('2026-01-01')]).when(set({ effectiveFrom: '2026-07-01', capFen: 40_000 })).then([setEvent('2026-07-01', { capFen: 40_000 })]);
      expect(termsOn(state, '2026-06-30')?.capFen).toBe(50_000);
      expect(termsOn(state, '2026-07-01')?.capFen).toBe(40_000);
      expect(termsOn(state, '2025-12-31')).toBeNull();
    });

    it('replaces a revision not yet in force when set again for its day', () => {
      const state = spec.given([setEvent('2026-07-01')]).when(set({ effectiveFrom: '2026-07-01', basisPoints: 2500 })).then([setEvent('2026-07-01', { basisPoints: 2500 })]);
      expect(state.versions).toHaveLength(1);
    });

    it('rejects terms reaching into the past', () => {
      spec.given([]).when(set({ effectiveFrom: '2026-05-19' })).thenRejects('fee-schedule-retroactive', { details: { today: TODAY } });
    });

    it('rejects a revision before the latest one', () => {
      spec.given([setEvent('2026-08-01')]).when(set({ effectiveFrom: '2026-07-01' })).thenRejects('fee-schedule-out-of-order');
    });

    it('rejects a share beyond the whole rent and a cap below zero', () => {
      spec.given([]).when(set({ basisPoints: 10_001 })).thenRejects('invalid-share', { details: { field: 'basisPoints' } });
      spec.given([]).when(set({ renewalBasisPoints: -1 })).thenRejects('invalid-share', { details: { field: 'renewalBasisPoints' } });
      spec.given([]).when(set({ capFen: -1 })).thenRejects('invalid-amount');
    });

    it('rejects terms already in force on that day', () => {
      spec.given([setEvent('2026-01-01')]).when(set({ effectiveFrom: '2026-06-01' })).thenRejects('fee-schedule-unchanged');
    });
  });
});

describe('the fee of a lease', () => {
  const schedule: FeeTerms = { effectiveFrom: '2026-01-01', basisPoints: 3333, capFen: 50_000, renewalBasisPoints: 0 };

  it("is the share of one month's rent, rounded down to the fen", () => {
    // 99,999 × 3333 / 10,000 = 33,329.6667: the resident never pays the fraction.
    expect(assessFee(schedule, 99_999, 'new-lease')).toEqual({ amountFen: 33_329, basisPoints: 3333, capFen: 50_000, scheduleEffectiveFrom: '2026-01-01' });
  });

  it('is capped', () => {
    expect(assessFee(schedule, 300_000, 'new-lease').amountFen).toBe(50_000);
  });

  it('is nothing on a renewal when the renewal share is nothing', () => {
    expect(assessFee(schedule, 120_000, 'renewal')).toMatchObject({ amountFen: 0, basisPoints: 0 });
  });

  it('stays exact for rents far beyond floating-point precision', () => {
    const rent = Number.MAX_SAFE_INTEGER;
    expect(assessFee({ ...schedule, capFen: Number.MAX_SAFE_INTEGER }, rent, 'new-lease').amountFen).toBe(Number((BigInt(rent) * 3333n) / 10_000n));
  });
});
