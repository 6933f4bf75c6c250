import { Filter } from '@kinship/documents';
import { Injectable } from '@nestjs/common';
import { ProjectionRunner } from '../projection/projection-runner';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { pagingOf } from '../volunteer-shared/read-model-query.request.dto';
import { addDaysTo, stationDateOf } from '../volunteer-shared/volunteering-read-models';
import { ShiftRoster, SHIFT_ROSTERS, ShiftRosterDocument, StaffingState } from './volunteer-rosters.document';
import { VOLUNTEER_ROSTERS } from './volunteer-rosters.projection';
import { VolunteerRostersQuery } from './volunteer-rosters-query.request.dto';

export type ShiftRosterItem = Omit<ShiftRoster, 'centerId'>;

export interface VolunteerRostersPage {
  from: string;
  to: string;
  /** Scheduled shifts of the period in each staffing state, whatever the filters. */
  staffing: Record<StaffingState, number>;
  /** In the order they start. */
  items: ShiftRosterItem[];
  page: number;
  pageSize: number;
  total: number;
  position: number | null;
}

/** Shift rosters of a station over a period, with what each shift still needs. */
@Injectable()
export class VolunteerRostersQueries {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async station(stationId: string, query: VolunteerRostersQuery, now = new Date()): Promise<VolunteerRostersPage> {
    await this.readYourWrites.after(query.afterPosition, VOLUNTEER_ROSTERS);
    const from = query.from ?? stationDateOf(now);
    const to = query.to ?? addDaysTo(from, 30);
    const shifts = this.runner.collection<ShiftRosterDocument>(VOLUNTEER_ROSTERS, SHIFT_ROSTERS);
    const period: Filter = { stationId, date: { $gte: from, $lte: to } };
    const filter: Filter = { ...period };
    if (query.staffing !== undefined) filter['staffing'] = query.staffing;
    if (query.status !== undefined) filter['status'] = query.status;
    const { page, pageSize } = pagingOf(query);
    const [found, total, scheduled] = await Promise.all([
      shifts.find(filter, { sort: { date: 1, startTime: 1, _id: 1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      shifts.count(filter),
      shifts.find({ ...period, status: 'scheduled' }),
    ]);
    const staffing: Record<StaffingState, number> = { understaffed: 0, staffed: 0, full: 0 };
    for (const shift of scheduled) staffing[shift.staffing] += 1;
    const items = found.map(({ _id: _ignored, _sources: _applied, centerId: _center, ...item }) => item);
    return { from, to, staffing, items, page, pageSize, total, position: await this.runner.position(VOLUNTEER_ROSTERS) };
  }
}
