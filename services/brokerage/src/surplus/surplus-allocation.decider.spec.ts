import { deciderSpec } from '@kinship/testing';
import { metadata, specOptions, STATION } from '../testing/decider-fixtures';
import { SurplusAllocationCommand, surplusAllocationDecider, SurplusAllocationEvent } from './surplus-allocation.decider';

const spec = deciderSpec(surplusAllocationDecider, specOptions);
const allocation = { allocationId: 'allocation-1', stationId: STATION, period: '2026-04', amountFen: 26_000, ledgerEntryId: 'entry-1' };
const allocated: SurplusAllocationEvent = { type: 'brokerage.surplus-allocated', data: allocation };
const allocate = (data = allocation): SurplusAllocationCommand => ({ type: 'AllocateSurplus', data, metadata: metadata({ actor: { userId: 'brokerage', role: 'system' } }) });

describe('a surplus allocation', () => {
  it('announces the amount moved to the welfare fund', () => {
    spec.given([]).when(allocate()).then([allocated]);
  });

  it('takes the same allocation made again as done', () => {
    spec.given([allocated]).when(allocate()).then([]);
  });

  it('rejects the same allocation with other figures, and an allocation of nothing', () => {
    spec.given([allocated]).when(allocate({ ...allocation, amountFen: 1 })).thenRejects('allocation-already-made', { status: 409 });
    spec.given([]).when(allocate({ ...allocation, amountFen: 0 })).thenRejects('invalid-amount');
  });
});
