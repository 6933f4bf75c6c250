import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseStreams } from '../../application/case-streams';
import { CaseText } from '../../application/case-text';
import { ResidentRegister } from '../../application/resident-presence';
import { AddPartyRequest, PartyAddedResponse } from './add-party.request.dto';

/** Adds a party to a dispute; a resident party gets the case in their case file like the residents it was opened for. */
@Injectable()
export class AddPartyHandler {
  constructor(
    private readonly streams: CaseStreams,
    private readonly text: CaseText,
    private readonly residents: ResidentRegister,
  ) {}

  async execute(stationId: string, caseId: string, request: AddPartyRequest, context: CommandContext): Promise<PartyAddedResponse> {
    await this.streams.requireCase(stationId, caseId);
    const { residentId } = request;
    if (residentId !== undefined) {
      const party = { kind: 'resident' as const, partyId: residentId, residentId };
      await this.streams.checkCase(stationId, { type: 'AddParty', data: { caseId, party } }, context);
      await this.residents.requirePresent(stationId, residentId, 'residentId');
      await this.streams.linkCase({ type: 'LinkCase', data: { residentId, caseId, stationId } }, context);
      return { partyId: residentId, ...CaseStreams.outcome(await this.streams.runCase(stationId, { type: 'AddParty', data: { caseId, party } }, context)) };
    }
    const partyId = uuidv7();
    const party = { kind: 'other' as const, partyId, description: await this.text.encrypt(caseId, request.description as string) };
    return { partyId, ...CaseStreams.outcome(await this.streams.runCase(stationId, { type: 'AddParty', data: { caseId, party } }, context)) };
  }
}
