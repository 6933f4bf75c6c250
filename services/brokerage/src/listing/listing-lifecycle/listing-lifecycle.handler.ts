import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, CommandOutcome, DomainError } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams, WithoutMetadata } from '../../application/brokerage-streams';
import { leaseDecider } from '../../lease/lease.decider';
import { ListingCommand, listingDecider } from '../listing.decider';

/** Publishing, repricing, withdrawing, letting outside the brokerage and vacating a listing: one step each. */
@Injectable()
export class ListingLifecycleHandler {
  constructor(private readonly streams: BrokerageStreams) {}

  async execute(stationId: string, command: WithoutMetadata<ListingCommand>, context: CommandContext): Promise<CommandOutcome> {
    if (command.type === 'VacateListing') await this.requireNoActiveLease(stationId, command.data.listingId);
    const result = await this.streams.run(listingDecider, brokerageStreams.listing(stationId, command.data.listingId), stationId, command, context);
    return BrokerageStreams.outcome(result);
  }

  /**
   * A unit let under a lease of the station is freed by ending that lease. Only a unit let outside the brokerage,
   * or claimed by a signing that never completed, is vacated by hand.
   */
  private async requireNoActiveLease(stationId: string, listingId: string): Promise<void> {
    const listing = await this.streams.load(listingDecider, brokerageStreams.listing(stationId, listingId));
    const leaseId = listing.status === 'exists' ? listing.listing.leaseId : null;
    if (leaseId === null) return;
    const lease = await this.streams.load(leaseDecider, brokerageStreams.lease(stationId, leaseId));
    if (lease.status === 'active') {
      throw new DomainError('lease-active', 'The unit is let under an active lease; end the lease instead', 409, { leaseId });
    }
  }
}
