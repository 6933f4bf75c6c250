import { CommandContext, DomainError, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { PersonalData } from '../../application/personal-data';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { RecordVisitRequest, RecordVisitResponse } from './record-visit.request.dto';

/** Records a visit; its time is logged as the volunteer's hours, for the household to co-sign. */
@Injectable()
export class RecordVisitHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, pairingId: string, request: RecordVisitRequest, context: CommandContext): Promise<RecordVisitResponse> {
    const pairing = await this.streams.pairingState(stationId, pairingId);
    if (pairing.status === 'none') throw new DomainError('pairing-not-found', `No pairing ${pairingId} at station ${stationId}`, 404);
    const visitId = uuidv7();
    // A note about an erased beneficiary is refused by the decider, before any encryption is tried.
    const note = pairing.beneficiaryErased ? request.note : await this.personal.sealIfGiven(pairing.beneficiaryResidentId, request.note);
    const data = {
      pairingId,
      visitId,
      minutes: request.minutes,
      kind: request.kind,
      ...(request.visitedOn !== undefined ? { visitedOn: request.visitedOn } : {}),
      ...(note !== undefined ? { note } : {}),
    };
    const result = await this.streams.pairing(stationId, { type: 'RecordVisit', data }, context);
    return { visitId, ...VolunteeringStreams.outcome(result) };
  }
}
