import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { PersonalData } from '../../application/personal-data';
import { landlordDecider } from '../landlord.decider';
import { EraseLandlordRequest } from './erase-landlord.request.dto';

/**
 * Erases a landlord (crypto-shredding): the erasure event first, so read models drop the contact they copied,
 * then the key, so no copy can be read again. A repeated request destroys a key an interrupted one left behind.
 */
@Injectable()
export class EraseLandlordHandler {
  constructor(
    private readonly streams: BrokerageStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, landlordId: string, request: EraseLandlordRequest, context: CommandContext): Promise<CommandOutcome> {
    const result = await this.streams.run(
      landlordDecider,
      brokerageStreams.landlord(stationId, landlordId),
      stationId,
      { type: 'EraseLandlordPersonalData', data: { landlordId, requestedBy: request.requestedBy, reason: request.reason } },
      context,
    );
    await this.personal.erase(landlordId);
    return BrokerageStreams.outcome(result);
  }
}
