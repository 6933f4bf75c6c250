import { DomainError } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { staffed, staffingOf } from '../activity.decider';
import { ActivityView } from './activity.view';

/** An activity with the roster and staffing of each of its shifts. */
@Injectable()
export class GetActivityHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async execute(stationId: string, activityId: string): Promise<ActivityView> {
    const activity = await this.streams.activityState(stationId, activityId);
    if (activity.status === 'none') throw new DomainError('activity-not-found', `No activity ${activityId} at station ${stationId}`, 404);
    const { shifts, ...rest } = activity;
    return {
      ...rest,
      shifts: Object.values(shifts)
        .sort((a, b) => a.shiftId.localeCompare(b.shiftId))
        .map((shift) => ({ ...shift, staffed: staffed(shift), staffing: staffingOf(shift), roster: Object.values(shift.roster) })),
    };
  }
}
