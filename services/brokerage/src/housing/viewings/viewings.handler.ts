import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, DomainError, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { listingDecider } from '../../listing/listing.decider';
import { HousingFileHandler } from '../housing-file.handler';
import { ScheduleViewingRequest, ScheduleViewingResponse } from './viewings.request.dto';

/** Arranges a viewing (看房) of a listing on offer for an open request. */
@Injectable()
export class ScheduleViewingHandler {
  constructor(
    private readonly streams: BrokerageStreams,
    private readonly housing: HousingFileHandler,
  ) {}

  async execute(
    stationId: string,
    residentId: string,
    requestId: string,
    request: ScheduleViewingRequest,
    context: CommandContext,
  ): Promise<ScheduleViewingResponse> {
    const listing = await this.streams.load(listingDecider, brokerageStreams.listing(stationId, request.listingId));
    if (listing.status === 'none') {
      throw new DomainError('listing-not-found', 'No listing with this id at the station', 422, { field: 'listingId' });
    }
    if (listing.listing.status !== 'published') {
      throw new DomainError('listing-not-available', 'Only a published listing is viewed', 409, { status: listing.listing.status });
    }
    const viewingId = uuidv7();
    const scheduledAt = new Date(request.scheduledAt).toISOString();
    const result = await this.housing.run(
      stationId,
      { type: 'ScheduleViewing', data: { requestId, residentId, viewingId, listingId: request.listingId, scheduledAt } },
      context,
    );
    return { viewingId, ...BrokerageStreams.outcome(result) };
  }
}
