import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { checkFirst } from '../../application/check-first';
import { PersonalData } from '../../application/personal-data';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { pairingDecider, StartPairingData } from '../pairing.decider';
import { StartPairingRequest, StartPairingResponse } from './start-pairing.request.dto';

/**
 * Pairs an active volunteer with a vulnerable household. The beneficiary is linked before anything is written
 * about them, so a registry erasure reaches the pairing; their needs are encrypted under their own key.
 */
@Injectable()
export class StartPairingHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, request: StartPairingRequest, context: CommandContext): Promise<StartPairingResponse> {
    const pairingId = uuidv7();
    const volunteer = (await this.streams.volunteerState(stationId, request.volunteerId)).status;
    const data: StartPairingData = {
      pairingId,
      stationId,
      volunteerId: request.volunteerId,
      volunteer,
      householdId: request.householdId,
      beneficiaryResidentId: request.beneficiaryResidentId,
      category: request.category,
      ...(request.alertAfterDays !== undefined ? { alertAfterDays: request.alertAfterDays } : {}),
      ...(request.startedOn !== undefined ? { startedOn: request.startedOn } : {}),
    };
    checkFirst(pairingDecider, pairingDecider.initialState(), { type: 'StartPairing', data }, context, stationId);
    await this.streams.residentLink(
      { type: 'LinkResident', data: { residentId: request.beneficiaryResidentId, stationId, link: { kind: 'pairing', pairingId } } },
      context,
    );
    const needs = await this.personal.sealIfGiven(request.beneficiaryResidentId, request.needs);
    const result = await this.streams.pairing(stationId, { type: 'StartPairing', data: { ...data, ...(needs !== undefined ? { needs } : {}) } }, context);
    return { pairingId, ...VolunteeringStreams.outcome(result) };
  }
}
