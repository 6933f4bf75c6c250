import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { AttendanceRequest } from './attendance.request.dto';

/** Who came to a shift and for how long; the hours of a check-out are credited to the volunteer on their own. */
@Injectable()
export class AttendanceHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async checkIn(stationId: string, activityId: string, shiftId: string, request: AttendanceRequest, context: CommandContext): Promise<CommandOutcome> {
    const { volunteerId } = request;
    const volunteer = (await this.streams.volunteerState(stationId, volunteerId)).status;
    const data = { activityId, shiftId, volunteerId, volunteer, ...instant(request) };
    return VolunteeringStreams.outcome(await this.streams.activity(stationId, { type: 'CheckIn', data }, context));
  }

  async checkOut(stationId: string, activityId: string, shiftId: string, request: AttendanceRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { activityId, shiftId, volunteerId: request.volunteerId, ...instant(request) };
    return VolunteeringStreams.outcome(await this.streams.activity(stationId, { type: 'CheckOut', data }, context));
  }

  async noShow(stationId: string, activityId: string, shiftId: string, volunteerId: string, context: CommandContext): Promise<CommandOutcome> {
    return VolunteeringStreams.outcome(await this.streams.activity(stationId, { type: 'MarkNoShow', data: { activityId, shiftId, volunteerId } }, context));
  }
}

/** Instants are kept in UTC, so they compare as the same instant however the client wrote the offset. */
function instant(request: AttendanceRequest): { at?: string } {
  return request.at === undefined ? {} : { at: new Date(Date.parse(request.at)).toISOString() };
}
