import { volunteerSubject } from '@kinship/contracts';
import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { PersonalData } from '../../application/personal-data';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { ShiftAttendance } from '../../volunteer/volunteer.decider';
import { LogHoursRequest, LogHoursResponse } from './log-hours.request.dto';

/** Logs hours a volunteer reports; on a shift they stand on the attendance the activity recorded. */
@Injectable()
export class LogHoursHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, volunteerId: string, request: LogHoursRequest, context: CommandContext): Promise<LogHoursResponse> {
    const volunteer = await this.streams.knownVolunteer(stationId, volunteerId);
    const entryId = uuidv7();
    const shift =
      request.activityId !== undefined && request.shiftId !== undefined
        ? { activityId: request.activityId, shiftId: request.shiftId, attendance: await this.attendance(stationId, request.activityId, request.shiftId, volunteerId) }
        : undefined;
    const description = volunteer.status === 'erased' ? undefined : await this.personal.sealIfGiven(volunteerSubject(volunteer), request.description);
    const result = await this.streams.volunteer(
      stationId,
      {
        type: 'LogHours',
        data: {
          volunteerId,
          entryId,
          source: 'self-reported',
          servedOn: request.servedOn,
          minutes: request.minutes,
          ...(shift ? { shift } : {}),
          ...(description !== undefined ? { description } : {}),
        },
      },
      context,
    );
    return { entryId, ...VolunteeringStreams.outcome(result) };
  }

  /** The volunteer's check-in (and check-out) on the shift; null when they have none, or there is no such shift. */
  private async attendance(stationId: string, activityId: string, shiftId: string, volunteerId: string): Promise<ShiftAttendance | null> {
    const activity = await this.streams.activityState(stationId, activityId);
    const entry = activity.status === 'none' ? undefined : activity.shifts[shiftId]?.roster[volunteerId];
    if (entry?.checkedInAt === undefined) return null;
    return { checkedInAt: entry.checkedInAt, ...(entry.checkedOutAt !== undefined ? { checkedOutAt: entry.checkedOutAt } : {}) };
  }
}
