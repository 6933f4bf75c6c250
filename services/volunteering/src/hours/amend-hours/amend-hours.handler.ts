import { volunteerSubject } from '@kinship/contracts';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { PersonalData } from '../../application/personal-data';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { AmendHoursRequest } from './amend-hours.request.dto';

@Injectable()
export class AmendHoursHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, volunteerId: string, entryId: string, request: AmendHoursRequest, context: CommandContext): Promise<CommandOutcome> {
    const volunteer = await this.streams.knownVolunteer(stationId, volunteerId);
    const description = volunteer.status === 'erased' ? undefined : await this.personal.sealIfGiven(volunteerSubject(volunteer), request.description);
    const data = {
      volunteerId,
      entryId,
      ...(request.servedOn !== undefined ? { servedOn: request.servedOn } : {}),
      ...(request.minutes !== undefined ? { minutes: request.minutes } : {}),
      ...(description !== undefined ? { description } : {}),
    };
    return VolunteeringStreams.outcome(await this.streams.volunteer(stationId, { type: 'AmendHours', data }, context));
  }
}
