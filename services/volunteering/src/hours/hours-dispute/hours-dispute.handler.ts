import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { CorrectHoursRequest, DisputeHoursRequest } from './hours-dispute.request.dto';

/** A dispute about verified hours, settled by a correction or by dismissing it; the log is never edited. */
@Injectable()
export class HoursDisputeHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async dispute(stationId: string, volunteerId: string, entryId: string, request: DisputeHoursRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { volunteerId, entryId, raisedBy: request.raisedBy, reason: request.reason };
    return VolunteeringStreams.outcome(await this.streams.volunteer(stationId, { type: 'DisputeHours', data }, context));
  }

  async correct(stationId: string, volunteerId: string, entryId: string, request: CorrectHoursRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { volunteerId, entryId, minutes: request.minutes, ...(request.servedOn !== undefined ? { servedOn: request.servedOn } : {}) };
    return VolunteeringStreams.outcome(await this.streams.volunteer(stationId, { type: 'CorrectHours', data }, context));
  }

  async dismiss(stationId: string, volunteerId: string, entryId: string, context: CommandContext): Promise<CommandOutcome> {
    return VolunteeringStreams.outcome(await this.streams.volunteer(stationId, { type: 'DismissHoursDispute', data: { volunteerId, entryId } }, context));
  }
}
