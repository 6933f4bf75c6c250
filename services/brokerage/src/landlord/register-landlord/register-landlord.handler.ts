import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { PersonalData } from '../../application/personal-data';
import { landlordDecider } from '../landlord.decider';
import { LandlordContactRequest, RegisterLandlordResponse } from './register-landlord.request.dto';

@Injectable()
export class RegisterLandlordHandler {
  constructor(
    private readonly streams: BrokerageStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, request: LandlordContactRequest, context: CommandContext): Promise<RegisterLandlordResponse> {
    const landlordId = uuidv7();
    const contact = await this.personal.encrypt('landlord', landlordId, { name: request.name.trim(), phone: request.phone });
    const result = await this.streams.run(
      landlordDecider,
      brokerageStreams.landlord(stationId, landlordId),
      stationId,
      { type: 'RegisterLandlord', data: { landlordId, stationId, contact } },
      context,
    );
    return { landlordId, ...BrokerageStreams.outcome(result) };
  }
}
