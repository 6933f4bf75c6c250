import { VolunteerPersonalData, volunteerSubject } from '@kinship/contracts';
import { maskName, maskPhone } from '@kinship/privacy';
import { Principal } from '@kinship/tenancy';
import { Injectable } from '@nestjs/common';
import { PersonalData } from '../../application/personal-data';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { hoursByYear, Volunteer } from '../volunteer.decider';
import { VolunteerContactView, VolunteerView } from './volunteer.view';

/**
 * One volunteer, with their yearly hours. The station's own staff see the contact details in full (they call
 * the volunteer); a center manager reading across the chain sees them masked.
 */
@Injectable()
export class GetVolunteerHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, volunteerId: string, principal: Principal): Promise<VolunteerView> {
    const volunteer = await this.streams.knownVolunteer(stationId, volunteerId);
    const contact = await this.contact(volunteer, principal.orgUnitId === stationId);
    return {
      volunteerId,
      stationId,
      status: volunteer.status,
      ...(volunteer.residentId !== undefined ? { residentId: volunteer.residentId } : {}),
      personal: contact,
      personalMasked: contact !== null && principal.orgUnitId !== stationId,
      skills: volunteer.skills,
      languages: volunteer.languages,
      availability: volunteer.availability,
      enrolledOn: volunteer.enrolledOn,
      ...(volunteer.suspendedOn !== undefined ? { suspendedOn: volunteer.suspendedOn, suspensionReason: volunteer.suspensionReason } : {}),
      ...(volunteer.leftOn !== undefined ? { leftOn: volunteer.leftOn } : {}),
      hoursByYear: hoursByYear(volunteer.entries),
    };
  }

  private async contact(volunteer: Volunteer, ownStation: boolean): Promise<VolunteerContactView | null> {
    const clear = await this.personal.open<VolunteerPersonalData>(volunteerSubject(volunteer), volunteer.personal);
    if (clear === null) return null;
    return ownStation ? clear : { name: maskName(clear.name), phone: maskPhone(clear.phone) };
  }
}
