import { CommandContext } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { serviceSummary } from '../../volunteer/volunteer.decider';
import { VolunteerRecordEvent } from '../volunteer-record.decider';
import { IssueVolunteerRecordRequest, VolunteerRecordResponse } from './issue-volunteer-record.request.dto';
import { newRecordSerial } from './record-serial';

/** Issues a record of a volunteer's verified service over a period, under a fresh unguessable serial. */
@Injectable()
export class IssueVolunteerRecordHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async execute(stationId: string, volunteerId: string, request: IssueVolunteerRecordRequest, context: CommandContext): Promise<VolunteerRecordResponse> {
    const volunteer = await this.streams.volunteerState(stationId, volunteerId);
    const service = serviceSummary(volunteer.status === 'none' ? {} : volunteer.entries, request.from, request.to);
    const result = await this.streams.volunteerRecord(
      {
        type: 'IssueVolunteerRecord',
        data: {
          serial: newRecordSerial(),
          volunteerId,
          issuerStationId: stationId,
          volunteer: volunteer.status,
          from: request.from,
          to: request.to,
          service,
          activityTitles: await this.titles(stationId, Object.keys(service.minutesByActivity)),
        },
      },
      context,
    );
    const [issued] = result.events as unknown as VolunteerRecordEvent[];
    if (issued?.type !== 'volunteering.volunteer-record-issued') throw new Error('Issuing a volunteer record decided no record');
    return { ...issued.data, ...VolunteeringStreams.outcome(result) };
  }

  private async titles(stationId: string, activityIds: string[]): Promise<Record<string, string>> {
    const titles: Record<string, string> = {};
    for (const activityId of activityIds) {
      const activity = await this.streams.activityState(stationId, activityId);
      if (activity.status !== 'none') titles[activityId] = activity.title;
    }
    return titles;
  }
}
