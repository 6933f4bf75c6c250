import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { CoSignHoursRequest, RejectHoursRequest } from './review-hours.request.dto';

/** Vouching for pending hours: station staff verify or reject them, the household served may co-sign them. */
@Injectable()
export class ReviewHoursHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async verify(stationId: string, volunteerId: string, entryId: string, context: CommandContext): Promise<CommandOutcome> {
    return VolunteeringStreams.outcome(await this.streams.volunteer(stationId, { type: 'VerifyHours', data: { volunteerId, entryId } }, context));
  }

  async coSign(stationId: string, volunteerId: string, entryId: string, request: CoSignHoursRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { volunteerId, entryId, householdId: request.householdId, signatoryResidentId: request.signatoryResidentId };
    return VolunteeringStreams.outcome(await this.streams.volunteer(stationId, { type: 'CoSignHours', data }, context));
  }

  async reject(stationId: string, volunteerId: string, entryId: string, request: RejectHoursRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { volunteerId, entryId, reason: request.reason };
    return VolunteeringStreams.outcome(await this.streams.volunteer(stationId, { type: 'RejectHours', data }, context));
  }
}
