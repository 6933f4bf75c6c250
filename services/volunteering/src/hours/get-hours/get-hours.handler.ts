import { volunteerSubject } from '@kinship/contracts';
import { Principal } from '@kinship/tenancy';
import { Injectable } from '@nestjs/common';
import { PersonalData } from '../../application/personal-data';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { stationDate } from '../../shared/station-time';
import { hoursByYear, HoursEntry } from '../../volunteer/volunteer.decider';
import { HoursEntryView, HoursView } from './hours.view';

@Injectable()
export class GetHoursHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, volunteerId: string, year: number | undefined, principal: Principal, now: string): Promise<HoursView> {
    const volunteer = await this.streams.knownVolunteer(stationId, volunteerId);
    const wanted = year ?? Number(stationDate(now).slice(0, 4));
    const entries = Object.values(volunteer.entries)
      .filter((entry) => Number(entry.servedOn.slice(0, 4)) === wanted)
      .sort((a, b) => a.servedOn.localeCompare(b.servedOn) || a.entryId.localeCompare(b.entryId));
    const readable = principal.orgUnitId === stationId;
    const subject = volunteerSubject(volunteer);
    return {
      volunteerId,
      totals: hoursByYear(Object.fromEntries(entries.map((e) => [e.entryId, e])))[0] ?? { year: wanted, verifiedMinutes: 0, pendingMinutes: 0, disputedMinutes: 0 },
      entries: await Promise.all(entries.map(async (entry) => this.view(entry, readable ? await this.personal.open<string>(subject, entry.description) : null))),
    };
  }

  private view(entry: HoursEntry, description: string | null): HoursEntryView {
    const { description: _sealed, ...shown } = entry;
    return { ...shown, ...(description !== null ? { description } : {}) };
  }
}
