import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { PersonalData } from '../../application/personal-data';
import { landlordDecider } from '../landlord.decider';
import { LandlordContactRequest } from '../register-landlord/register-landlord.request.dto';

@Injectable()
export class ChangeLandlordContactHandler {
  constructor(
    private readonly streams: BrokerageStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, landlordId: string, request: LandlordContactRequest, context: CommandContext): Promise<CommandOutcome> {
    const streamId = brokerageStreams.landlord(stationId, landlordId);
    // Decided before encrypting: encrypting for an id nobody registered would make a key for no one.
    await this.streams.check(landlordDecider, streamId, stationId, { type: 'ChangeLandlordContact', data: { landlordId, contact: 'unencrypted' } }, context);
    const contact = await this.personal.encrypt('landlord', landlordId, { name: request.name.trim(), phone: request.phone });
    const result = await this.streams.run(landlordDecider, streamId, stationId, { type: 'ChangeLandlordContact', data: { landlordId, contact } }, context);
    return BrokerageStreams.outcome(result);
  }
}
