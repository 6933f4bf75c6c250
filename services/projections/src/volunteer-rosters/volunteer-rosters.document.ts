import { SourcedDocument } from '../projection/projection';

export type RosterStatus = 'signed-up' | 'checked-in' | 'checked-out' | 'no-show';
export type StaffingState = 'understaffed' | 'staffed' | 'full';

/** An activity, `_id` = activity id: the gate that makes each event of its stream apply once. */
export type RosterActivityDocument = SourcedDocument & {
  activityId: string;
  stationId: string;
  title: string;
  kind: string;
  location: string;
  status: 'scheduled' | 'cancelled';
};

/** One shift with its roster and staffing, `_id` = `<activityId>/<shiftId>`. */
export type ShiftRosterDocument = SourcedDocument & ShiftRoster;

export interface ShiftRoster {
  activityId: string;
  shiftId: string;
  stationId: string;
  centerId: string | null;
  title: string;
  kind: string;
  location: string;
  date: string;
  startTime: string;
  endTime: string;
  minStaff: number;
  maxStaff: number;
  status: 'scheduled' | 'cancelled';
  roster: Array<{ volunteerId: string; status: RosterStatus }>;
  /** Everyone on the roster but no-shows. */
  staffed: number;
  staffing: StaffingState;
}

export const ROSTER_ACTIVITIES = 'activities';
export const SHIFT_ROSTERS = 'shifts';
