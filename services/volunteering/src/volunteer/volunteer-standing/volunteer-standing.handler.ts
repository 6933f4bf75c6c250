import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { RecordDepartureRequest, ReinstateVolunteerRequest, SuspendVolunteerRequest } from './volunteer-standing.request.dto';

/** A volunteer's standing in the team: suspended (no shifts, no new pairings), reinstated, or gone. */
@Injectable()
export class VolunteerStandingHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async suspend(stationId: string, volunteerId: string, request: SuspendVolunteerRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { volunteerId, reason: request.reason, ...(request.suspendedOn !== undefined ? { suspendedOn: request.suspendedOn } : {}) };
    return VolunteeringStreams.outcome(await this.streams.volunteer(stationId, { type: 'SuspendVolunteer', data }, context));
  }

  async reinstate(stationId: string, volunteerId: string, request: ReinstateVolunteerRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { volunteerId, ...(request.reinstatedOn !== undefined ? { reinstatedOn: request.reinstatedOn } : {}) };
    return VolunteeringStreams.outcome(await this.streams.volunteer(stationId, { type: 'ReinstateVolunteer', data }, context));
  }

  async depart(stationId: string, volunteerId: string, request: RecordDepartureRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { volunteerId, reason: request.reason, ...(request.leftOn !== undefined ? { leftOn: request.leftOn } : {}) };
    return VolunteeringStreams.outcome(await this.streams.volunteer(stationId, { type: 'RecordDeparture', data }, context));
  }
}
