import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { PersonalData } from '../../application/personal-data';
import { housingFileDecider } from '../housing-file.decider';
import { OpenHousingRequestRequest, OpenHousingRequestResponse } from './open-housing-request.request.dto';

@Injectable()
export class OpenHousingRequestHandler {
  constructor(
    private readonly streams: BrokerageStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, residentId: string, request: OpenHousingRequestRequest, context: CommandContext): Promise<OpenHousingRequestResponse> {
    await this.personal.requireResident(residentId);
    const requestId = uuidv7();
    const notes = request.notes?.trim() ? await this.personal.encrypt('resident', residentId, { text: request.notes.trim() }) : undefined;
    const { budgetFen, householdSize, workArea, moveInBy } = request;
    const result = await this.streams.run(
      housingFileDecider,
      brokerageStreams.housingFile(stationId, residentId),
      stationId,
      { type: 'OpenHousingRequest', data: { requestId, residentId, stationId, budgetFen, householdSize, workArea, moveInBy, notes } },
      context,
    );
    return { requestId, ...BrokerageStreams.outcome(result) };
  }
}
