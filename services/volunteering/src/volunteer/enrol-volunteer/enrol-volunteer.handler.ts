import { volunteerSubject } from '@kinship/contracts';
import { CommandContext, DomainError, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { checkFirst } from '../../application/check-first';
import { PersonalData } from '../../application/personal-data';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { EnrolVolunteerData, volunteerDecider } from '../volunteer.decider';
import { EnrolVolunteerRequest, EnrolVolunteerResponse } from './enrol-volunteer.request.dto';

/**
 * Enrols a volunteer in the station's team. A registered resident is enrolled once per station, and is linked
 * (before anything is written about them) so that a registry erasure reaches their volunteer record too.
 */
@Injectable()
export class EnrolVolunteerHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, request: EnrolVolunteerRequest, context: CommandContext): Promise<EnrolVolunteerResponse> {
    const volunteerId = uuidv7();
    const data: EnrolVolunteerData = {
      volunteerId,
      stationId,
      ...(request.residentId !== undefined ? { residentId: request.residentId } : {}),
      personal: 'not-yet-encrypted',
      skills: request.skills ?? [],
      languages: request.languages ?? [],
      availability: (request.availability ?? []).map(({ weekday, part }) => ({ weekday, part })),
      ...(request.enrolledOn !== undefined ? { enrolledOn: request.enrolledOn } : {}),
    };
    checkFirst(volunteerDecider, volunteerDecider.initialState(), { type: 'EnrolVolunteer', data }, context, stationId);
    if (request.residentId !== undefined) await this.link(stationId, request.residentId, volunteerId, context);
    const personal = await this.personal.seal(volunteerSubject(data), { name: request.name.trim(), phone: request.phone });
    const result = await this.streams.volunteer(stationId, { type: 'EnrolVolunteer', data: { ...data, personal } }, context);
    return { volunteerId, ...VolunteeringStreams.outcome(result) };
  }

  private async link(stationId: string, residentId: string, volunteerId: string, context: CommandContext): Promise<void> {
    const { links } = await this.streams.residentLinkState(residentId);
    const already = links.find((known) => known.stationId === stationId && known.link.kind === 'volunteer');
    if (already && already.link.kind === 'volunteer') {
      const state = await this.streams.volunteerState(stationId, already.link.volunteerId);
      if (state.status !== 'none') {
        throw new DomainError('resident-already-volunteer', 'This resident is already a volunteer of the station', 409, { volunteerId: already.link.volunteerId });
      }
    }
    await this.streams.residentLink({ type: 'LinkResident', data: { residentId, stationId, link: { kind: 'volunteer', volunteerId } } }, context);
  }
}
