import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { EndPairingRequest, SetVisitAlertRequest } from './change-pairing.request.dto';

@Injectable()
export class ChangePairingHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async setVisitAlert(stationId: string, pairingId: string, request: SetVisitAlertRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { pairingId, alertAfterDays: request.alertAfterDays };
    return VolunteeringStreams.outcome(await this.streams.pairing(stationId, { type: 'SetVisitAlert', data }, context));
  }

  async end(stationId: string, pairingId: string, request: EndPairingRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { pairingId, reason: request.reason, ...(request.endedOn !== undefined ? { endedOn: request.endedOn } : {}) };
    return VolunteeringStreams.outcome(await this.streams.pairing(stationId, { type: 'EndPairing', data }, context));
  }
}
