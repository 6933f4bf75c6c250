import { VolunteerPersonalData, volunteerSubject } from '@kinship/contracts';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { PersonalData, personalDataErased } from '../../application/personal-data';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { Volunteer } from '../volunteer.decider';
import { UpdateVolunteerProfileRequest } from './update-volunteer-profile.request.dto';

@Injectable()
export class UpdateVolunteerProfileHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, volunteerId: string, request: UpdateVolunteerProfileRequest, context: CommandContext): Promise<CommandOutcome> {
    const volunteer = await this.streams.knownVolunteer(stationId, volunteerId);
    const result = await this.streams.volunteer(
      stationId,
      {
        type: 'UpdateVolunteerProfile',
        data: {
          volunteerId,
          ...(await this.changedPersonal(volunteer, request)),
          ...(request.skills !== undefined ? { skills: request.skills } : {}),
          ...(request.languages !== undefined ? { languages: request.languages } : {}),
          ...(request.availability !== undefined ? { availability: request.availability.map(({ weekday, part }) => ({ weekday, part })) } : {}),
        },
      },
      context,
    );
    return VolunteeringStreams.outcome(result);
  }

  /**
   * The whole personal document re-encrypted, only when a personal field really changed: every encryption draws
   * a fresh IV, so comparing ciphertexts would make a repeated update look like a change.
   */
  private async changedPersonal(volunteer: Volunteer, request: UpdateVolunteerProfileRequest): Promise<{ personal?: string }> {
    // An erased volunteer's record is closed: the decider refuses the command, nothing is decrypted or encrypted.
    if ((request.name === undefined && request.phone === undefined) || volunteer.status === 'erased') return {};
    const subject = volunteerSubject(volunteer);
    const current = await this.personal.open<VolunteerPersonalData>(subject, volunteer.personal);
    if (current === null) throw personalDataErased();
    const next = { name: request.name?.trim() ?? current.name, phone: request.phone ?? current.phone };
    if (next.name === current.name && next.phone === current.phone) return {};
    return { personal: await this.personal.seal(subject, next) };
  }
}
