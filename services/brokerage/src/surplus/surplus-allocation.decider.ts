import { BrokerageEvent, SurplusAllocatedData } from '@kinship/contracts';
import { assertNever, Decider, DomainError } from '@kinship/eventsourcing';
import { Command } from '../domain/rules';

/**
 * A surplus allocation (结余分配): what one month's close moved to the council's welfare fund, announced to the
 * services that spend it (volunteering's aid fund). Stream `surplus-<stationId>-<allocationId>`.
 */

export type AllocateSurplus = Command<'AllocateSurplus', SurplusAllocatedData>;
export type SurplusAllocationCommand = AllocateSurplus;
export type SurplusAllocationEvent = Extract<BrokerageEvent, { type: 'brokerage.surplus-allocated' }>;
export type SurplusAllocationState = { status: 'none' } | { status: 'allocated'; allocation: SurplusAllocatedData };

export const surplusAllocationDecider: Decider<SurplusAllocationCommand, SurplusAllocationState, SurplusAllocationEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function decide(command: SurplusAllocationCommand, state: SurplusAllocationState): SurplusAllocationEvent[] {
  switch (command.type) {
    case 'AllocateSurplus': {
      if (state.status === 'allocated') {
        const fields = ['allocationId', 'stationId', 'period', 'amountFen', 'ledgerEntryId'] as const;
        if (fields.every((field) => state.allocation[field] === command.data[field])) return [];
        throw new DomainError('allocation-already-made', 'This allocation was made with other figures', 409, { allocationId: command.data.allocationId });
      }
      if (!Number.isSafeInteger(command.data.amountFen) || command.data.amountFen <= 0) {
        throw new DomainError('invalid-amount', 'An allocation moves a positive number of fen', 422, { amountFen: command.data.amountFen });
      }
      return [{ type: 'brokerage.surplus-allocated', data: command.data }];
    }
    default:
      return assertNever(command.type);
  }
}

function evolve(_state: SurplusAllocationState, event: SurplusAllocationEvent): SurplusAllocationState {
  return { status: 'allocated', allocation: event.data };
}
