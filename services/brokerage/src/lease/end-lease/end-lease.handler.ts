import { brokerageStreams, LeaseEnded } from '@kinship/contracts';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { listingDecider } from '../../listing/listing.decider';
import { leaseDecider } from '../lease.decider';
import { EndLeaseRequest } from './end-lease.request.dto';

/** Ends a lease and records the deposit returned; the unit is free again, unlisted until published anew. */
@Injectable()
export class EndLeaseHandler {
  constructor(private readonly streams: BrokerageStreams) {}

  async execute(stationId: string, leaseId: string, request: EndLeaseRequest, context: CommandContext): Promise<CommandOutcome> {
    const { endedOn, depositReturnedFen, withholdingReason } = request;
    const result = await this.streams.run(
      leaseDecider,
      brokerageStreams.lease(stationId, leaseId),
      stationId,
      { type: 'EndLease', data: { leaseId, endedOn, depositReturnedFen, withholdingReason } },
      context,
    );
    const ended = LeaseEnded.schema.parse(result.events[0].data);
    await this.streams.run(
      listingDecider,
      brokerageStreams.listing(stationId, ended.listingId),
      stationId,
      { type: 'VacateListing', data: { listingId: ended.listingId, leaseId, vacatedOn: ended.endedOn } },
      context,
    );
    return BrokerageStreams.outcome(result);
  }
}
