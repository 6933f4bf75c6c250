import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { ActivityEvent } from '../activity.decider';
import { ScheduleActivityRequest, ScheduleActivityResponse, shiftsOf } from './schedule-activity.request.dto';

@Injectable()
export class ScheduleActivityHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async execute(stationId: string, request: ScheduleActivityRequest, context: CommandContext): Promise<ScheduleActivityResponse> {
    const activityId = uuidv7();
    const result = await this.streams.activity(
      stationId,
      {
        type: 'ScheduleActivity',
        data: {
          activityId,
          stationId,
          title: request.title.trim(),
          kind: request.kind,
          location: request.location.trim(),
          requiredSkills: request.requiredSkills ?? [],
          ...shiftsOf(request),
        },
      },
      context,
    );
    return { activityId, shiftIds: createdShiftIds(result.events as unknown as ActivityEvent[]), ...VolunteeringStreams.outcome(result) };
  }
}

/** The ids of the shifts a command created, in the order it created them. */
export function createdShiftIds(events: readonly ActivityEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'volunteering.activity-scheduled' || event.type === 'volunteering.shifts-added' ? event.data.shifts.map((shift) => shift.shiftId) : [],
  );
}
