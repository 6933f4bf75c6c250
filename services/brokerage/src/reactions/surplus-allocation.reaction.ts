import { brokerageStreams, EventEnvelope, LedgerMonthClosed } from '@kinship/contracts';
import { deterministicUuid } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../application/brokerage-streams';
import { reactionContext } from '../application/reaction-context';
import { surplusAllocationDecider } from '../surplus/surplus-allocation.decider';
import { Reaction } from './reaction';

/**
 * Announces each month's allocation to the welfare fund on its own `surplus-` stream, the one category the
 * services that spend the fund (volunteering) follow; the ledger stream stays the brokerage's own.
 */
@Injectable()
export class SurplusAllocationReaction implements Reaction {
  readonly group = 'brokerage.surplus-allocation';
  readonly categories = ['stationledger'] as const;

  constructor(private readonly streams: BrokerageStreams) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (event.type !== LedgerMonthClosed.type) return;
    const closed = LedgerMonthClosed.schema.parse(event.data);
    if (!closed.allocation) return;
    const { allocationId, entryId } = closed.allocation;
    await this.streams.run(
      surplusAllocationDecider,
      brokerageStreams.surplus(closed.stationId, allocationId),
      closed.stationId,
      {
        type: 'AllocateSurplus',
        data: { allocationId, stationId: closed.stationId, period: closed.period, amountFen: closed.allocatedFen, ledgerEntryId: entryId },
      },
      reactionContext(event),
      { eventIds: [deterministicUuid(event.id, 'brokerage.surplus-allocated')], causationId: event.id },
    );
  }
}
