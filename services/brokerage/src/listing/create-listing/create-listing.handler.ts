import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, DomainError, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { landlordDecider } from '../../landlord/landlord.decider';
import { listingDecider } from '../listing.decider';
import { CreateListingRequest, CreateListingResponse } from './create-listing.request.dto';

/** Takes a landlord's unit on the station's books, unlisted until it is published. */
@Injectable()
export class CreateListingHandler {
  constructor(private readonly streams: BrokerageStreams) {}

  async execute(stationId: string, request: CreateListingRequest, context: CommandContext): Promise<CreateListingResponse> {
    const landlord = await this.streams.load(landlordDecider, brokerageStreams.landlord(stationId, request.landlordId));
    if (landlord.status === 'unknown') {
      throw new DomainError('landlord-not-found', 'No landlord with this id is registered at the station', 422, { field: 'landlordId' });
    }
    if (landlord.status === 'erased') throw new DomainError('landlord-erased', "The landlord's personal data has been erased", 409);
    const listingId = uuidv7();
    const { landlordId, compound, building, unit, room, areaSqm, rooms, monthlyRentFen, depositFen } = request;
    const result = await this.streams.run(
      listingDecider,
      brokerageStreams.listing(stationId, listingId),
      stationId,
      {
        type: 'CreateListing',
        data: {
          listingId,
          stationId,
          landlordId,
          compound,
          building,
          unit,
          room,
          areaSqm,
          rooms,
          monthlyRentFen,
          depositFen,
          photos: request.photos ?? [],
          ...(request.nearby?.length ? { nearby: request.nearby } : {}),
        },
      },
      context,
    );
    return { listingId, ...BrokerageStreams.outcome(result) };
  }
}
