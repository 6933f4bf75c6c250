import { FieldCipher } from '@kinship/privacy';
import { ORG_DIRECTORY, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { ProjectionRunner } from '../projection/projection-runner';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { PERSONAL_DATA_CIPHER } from '../projections.tokens';
import { pagingOf } from '../volunteer-shared/read-model-query.request.dto';
import { maskedVolunteerName, pageOf, requireChainReader, stationDateOf } from '../volunteer-shared/volunteering-read-models';
import { VOLUNTEER_YEARS, VolunteerDocument, VolunteerStatus, VolunteerYearDocument, VOLUNTEERS } from './volunteer-hours.document';
import { VOLUNTEER_HOURS } from './volunteer-hours.projection';
import { ChainHoursQuery, VolunteerHoursQuery } from './volunteer-hours-query.request.dto';

export interface VolunteerHoursItem {
  volunteerId: string;
  /** Masked; null once erased. */
  name: string | null;
  status: VolunteerStatus;
  skills: string[];
  languages: string[];
  enrolledOn: string;
  leftOn: string | null;
  verifiedMinutes: number;
  pendingMinutes: number;
  disputedMinutes: number;
}

/** A station's year: how many are in the team and how much verified service they gave. */
export interface StationHoursSummary {
  stationId: string;
  year: number;
  /** Volunteers in the team now (active or suspended). */
  members: number;
  volunteersWithVerifiedHours: number;
  verifiedMinutes: number;
  pendingMinutes: number;
  disputedMinutes: number;
  /** The figure the district watches (more than 90 a year): verified hours per member, to one decimal. */
  verifiedHoursPerMember: number;
}

export interface VolunteerHoursPage {
  year: number;
  summary: StationHoursSummary;
  /** Most verified hours first. */
  items: VolunteerHoursItem[];
  page: number;
  pageSize: number;
  total: number;
  position: number | null;
}

export interface ChainHours {
  centerId: string;
  year: number;
  stations: StationHoursSummary[];
  position: number | null;
}

/** Volunteer hours, year to date, per volunteer and station; names masked. */
@Injectable()
export class VolunteerHoursQueries {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(PERSONAL_DATA_CIPHER) private readonly cipher: Pick<FieldCipher, 'decrypt'>,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async station(stationId: string, query: VolunteerHoursQuery, now = new Date()): Promise<VolunteerHoursPage> {
    await this.readYourWrites.after(query.afterPosition, VOLUNTEER_HOURS);
    const year = query.year ?? Number(stationDateOf(now).slice(0, 4));
    const position = await this.runner.position(VOLUNTEER_HOURS);
    const volunteers = await this.volunteers().find({ stationId });
    const years = new Map((await this.years().find({ stationId, year })).map((total) => [total.volunteerId, total]));
    const listed = volunteers
      .filter((volunteer) => query.status === undefined || volunteer.status === query.status)
      .map((volunteer) => ({ volunteer, total: years.get(volunteer.volunteerId) }))
      .sort((a, b) => (b.total?.verifiedMinutes ?? 0) - (a.total?.verifiedMinutes ?? 0) || a.volunteer.enrolledOn.localeCompare(b.volunteer.enrolledOn) || a.volunteer._id.localeCompare(b.volunteer._id));
    const { page, pageSize } = pagingOf(query);
    const items = await Promise.all(pageOf(listed, page, pageSize).map(({ volunteer, total }) => this.item(volunteer, total)));
    return { year, summary: summaryOf(stationId, year, volunteers, [...years.values()]), items, page, pageSize, total: listed.length, position };
  }

  async chain(principal: Principal, centerId: string, query: ChainHoursQuery, now = new Date()): Promise<ChainHours> {
    requireChainReader(principal, centerId, this.org);
    await this.readYourWrites.after(query.afterPosition, VOLUNTEER_HOURS);
    const year = query.year ?? Number(stationDateOf(now).slice(0, 4));
    const stations = await Promise.all(
      this.org.stationsOf(centerId).map(async ({ id }) =>
        summaryOf(id, year, await this.volunteers().find({ stationId: id }), await this.years().find({ stationId: id, year })),
      ),
    );
    return { centerId, year, stations, position: await this.runner.position(VOLUNTEER_HOURS) };
  }

  private async item(volunteer: VolunteerDocument, total: VolunteerYearDocument | undefined): Promise<VolunteerHoursItem> {
    return {
      volunteerId: volunteer.volunteerId,
      name: await maskedVolunteerName(this.cipher, volunteer),
      status: volunteer.status,
      skills: volunteer.skills,
      languages: volunteer.languages,
      enrolledOn: volunteer.enrolledOn,
      leftOn: volunteer.leftOn,
      verifiedMinutes: total?.verifiedMinutes ?? 0,
      pendingMinutes: total?.pendingMinutes ?? 0,
      disputedMinutes: total?.disputedMinutes ?? 0,
    };
  }

  private volunteers() {
    return this.runner.collection<VolunteerDocument>(VOLUNTEER_HOURS, VOLUNTEERS);
  }

  private years() {
    return this.runner.collection<VolunteerYearDocument>(VOLUNTEER_HOURS, VOLUNTEER_YEARS);
  }
}

function summaryOf(stationId: string, year: number, volunteers: readonly VolunteerDocument[], years: readonly VolunteerYearDocument[]): StationHoursSummary {
  const members = volunteers.filter((volunteer) => volunteer.status === 'active' || volunteer.status === 'suspended').length;
  const sum = (pick: (total: VolunteerYearDocument) => number) => years.reduce((total, year) => total + pick(year), 0);
  const verifiedMinutes = sum((total) => total.verifiedMinutes);
  return {
    stationId,
    year,
    members,
    volunteersWithVerifiedHours: years.filter((total) => total.verifiedMinutes > 0).length,
    verifiedMinutes,
    pendingMinutes: sum((total) => total.pendingMinutes),
    disputedMinutes: sum((total) => total.disputedMinutes),
    verifiedHoursPerMember: members === 0 ? 0 : Math.round(verifiedMinutes / members / 6) / 10,
  };
}
