import { CommandContext } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { ActivityEvent } from '../activity.decider';
import { createdShiftIds } from '../schedule-activity/schedule-activity.handler';
import { ShiftsCreatedResponse, ShiftsDto, shiftsOf } from '../schedule-activity/schedule-activity.request.dto';

@Injectable()
export class AddShiftsHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async execute(stationId: string, activityId: string, request: ShiftsDto, context: CommandContext): Promise<ShiftsCreatedResponse> {
    const result = await this.streams.activity(stationId, { type: 'AddShifts', data: { activityId, ...shiftsOf(request) } }, context);
    return { shiftIds: createdShiftIds(result.events as unknown as ActivityEvent[]), ...VolunteeringStreams.outcome(result) };
  }
}
