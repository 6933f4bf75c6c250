import { ACTIVITY_KINDS, CANCELLATION_REASONS, ShiftData, VolunteeringEvent } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';
import { addDays, daysBetween, IsoDate, isIsoDate, isTimeOfDay, minutesBetween, stationDate, stationInstant, weekdayOf } from '../shared/station-time';
import { requireActiveVolunteer, VolunteerStanding } from '../volunteer/volunteer.decider';

/**
 * A volunteer activity (志愿活动) and its shifts (班次), one stream per activity: `volactivity-<stationId>-<activityId>`.
 * It keeps each shift's roster: who signed up, who came (check-in and check-out), who did not.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** Shifts one command may create: a year of weekly shifts on most days, and no runaway recurrence. */
export const MAX_SHIFTS_PER_COMMAND = 200;
/** How early before its start a shift accepts check-ins. */
export const CHECK_IN_OPENS_MINUTES = 60;
/** How long after its end a shift still accepts a check-out (overruns happen). */
export const CHECK_OUT_GRACE_MINUTES = 4 * 60;
/** A sign-up cancelled closer to the start than this is late. */
export const LATE_CANCELLATION_HOURS = 24;

export interface ShiftPlan {
  date: IsoDate;
  startTime: string;
  endTime: string;
  minStaff: number;
  maxStaff: number;
}

/** The same shift on some weekdays (1 Monday to 7 Sunday) of every week from `from` to `until`. */
export interface Recurrence extends Omit<ShiftPlan, 'date'> {
  from: IsoDate;
  until: IsoDate;
  weekdays: number[];
}

export interface ShiftsRequest {
  shifts?: ShiftPlan[];
  recurrence?: Recurrence;
}

export interface ScheduleActivityData extends ShiftsRequest {
  activityId: string;
  stationId: string;
  title: string;
  kind: (typeof ACTIVITY_KINDS)[number];
  location: string;
  requiredSkills: string[];
}
export interface AddShiftsData extends ShiftsRequest {
  activityId: string;
}
type CancellationReason = (typeof CANCELLATION_REASONS)[number];
export interface CancelShiftData {
  activityId: string;
  shiftId: string;
  reason: CancellationReason;
}
export interface CancelActivityData {
  activityId: string;
  reason: CancellationReason;
}
interface OnShift {
  activityId: string;
  shiftId: string;
  volunteerId: string;
}
export interface SignUpData extends OnShift {
  volunteer: VolunteerStanding;
}
export type CancelSignUpData = OnShift;
/** `at` defaults to now: staff usually record a check-in as it happens, sometimes afterwards. */
export interface CheckInData extends OnShift {
  volunteer: VolunteerStanding;
  at?: string;
}
export interface CheckOutData extends OnShift {
  at?: string;
}
export type MarkNoShowData = OnShift;

export type ActivityCommand =
  | Command<'ScheduleActivity', ScheduleActivityData>
  | Command<'AddShifts', AddShiftsData>
  | Command<'CancelShift', CancelShiftData>
  | Command<'CancelActivity', CancelActivityData>
  | Command<'SignUp', SignUpData>
  | Command<'CancelSignUp', CancelSignUpData>
  | Command<'CheckIn', CheckInData>
  | Command<'CheckOut', CheckOutData>
  | Command<'MarkNoShow', MarkNoShowData>;

export type ActivityEvent = Extract<
  VolunteeringEvent,
  {
    type:
      | 'volunteering.activity-scheduled'
      | 'volunteering.shifts-added'
      | 'volunteering.shift-cancelled'
      | 'volunteering.activity-cancelled'
      | 'volunteering.volunteer-signed-up'
      | 'volunteering.sign-up-cancelled'
      | 'volunteering.volunteer-checked-in'
      | 'volunteering.volunteer-checked-out'
      | 'volunteering.volunteer-no-show';
  }
>;

export type RosterStatus = 'signed-up' | 'checked-in' | 'checked-out' | 'no-show';

export interface RosterEntry {
  volunteerId: string;
  status: RosterStatus;
  checkedInAt?: string;
  checkedOutAt?: string;
}

export interface Shift extends ShiftData {
  status: 'scheduled' | 'cancelled';
  roster: Record<string, RosterEntry>;
}

export interface Activity {
  status: 'scheduled' | 'cancelled';
  activityId: string;
  stationId: string;
  title: string;
  kind: ScheduleActivityData['kind'];
  location: string;
  requiredSkills: string[];
  shifts: Record<string, Shift>;
}

export type ActivityState = { status: 'none' } | Activity;

export const activityDecider: Decider<ActivityCommand, ActivityState, ActivityEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function decide(command: ActivityCommand, state: ActivityState): ActivityEvent[] {
  const now = command.metadata.now;
  if (command.type === 'ScheduleActivity') {
    if (state.status !== 'none') throw new DomainError('activity-already-scheduled', 'The activity is already scheduled', 409);
    const { activityId, stationId, title, kind, location, requiredSkills } = command.data;
    const shifts = plannedShifts(command.data, {}, now);
    return [{ type: 'volunteering.activity-scheduled', data: { activityId, stationId, title, kind, location, requiredSkills, shifts } }];
  }
  if (state.status === 'none') throw new DomainError('activity-not-found', `No activity ${command.data.activityId} at this station`, 404);
  const { activityId } = state;
  // A cancelled activity takes nothing new; the shifts already under way still close their attendance.
  const stillOn = () => {
    if (state.status === 'cancelled') throw new DomainError('activity-cancelled', 'The activity was cancelled', 409);
  };
  switch (command.type) {
    case 'AddShifts':
      stillOn();
      return [{ type: 'volunteering.shifts-added', data: { activityId, shifts: plannedShifts(command.data, state.shifts, now) } }];
    case 'CancelShift': {
      stillOn();
      const shift = openShift(state, command.data.shiftId);
      if (started(shift, now)) throw new DomainError('shift-already-started', 'A shift that has started cannot be cancelled', 409);
      return [{ type: 'volunteering.shift-cancelled', data: { activityId, shiftId: shift.shiftId, reason: command.data.reason } }];
    }
    case 'CancelActivity': {
      stillOn();
      const cancelledShiftIds = Object.values(state.shifts)
        .filter((shift) => shift.status === 'scheduled' && !started(shift, now))
        .map((shift) => shift.shiftId);
      return [{ type: 'volunteering.activity-cancelled', data: { activityId, reason: command.data.reason, cancelledShiftIds } }];
    }
    case 'SignUp': {
      stillOn();
      const shift = openShift(state, command.data.shiftId);
      const { volunteerId } = command.data;
      if (started(shift, now)) throw new DomainError('shift-already-started', 'Sign-ups close when the shift starts', 409);
      if (shift.roster[volunteerId]) throw new DomainError('already-signed-up', 'The volunteer is already on this shift', 409);
      requireActiveVolunteer(command.data.volunteer);
      checkRoom(shift);
      const clash = Object.values(state.shifts).find((other) => other.shiftId !== shift.shiftId && other.status === 'scheduled' && other.roster[volunteerId] && overlap(other, shift));
      if (clash) {
        throw new DomainError('overlapping-sign-up', 'The volunteer is on another shift of this activity at that time', 409, { shiftId: clash.shiftId });
      }
      return [{ type: 'volunteering.volunteer-signed-up', data: { activityId, shiftId: shift.shiftId, volunteerId } }];
    }
    case 'CancelSignUp': {
      const shift = openShift(state, command.data.shiftId);
      const entry = rosterEntry(shift, command.data.volunteerId);
      if (entry.status !== 'signed-up') throw new DomainError('already-checked-in', 'The volunteer has already come to this shift', 409);
      if (started(shift, now)) throw new DomainError('shift-already-started', 'A sign-up cannot be cancelled once the shift started; record a no-show', 409);
      const late = startOf(shift) - Date.parse(now) < LATE_CANCELLATION_HOURS * 3_600_000;
      return [{ type: 'volunteering.sign-up-cancelled', data: { activityId, shiftId: shift.shiftId, volunteerId: entry.volunteerId, late } }];
    }
    case 'CheckIn':
      stillOn();
      return checkIn(command.data, state, now);
    case 'CheckOut': {
      const shift = openShift(state, command.data.shiftId);
      const entry = rosterEntry(shift, command.data.volunteerId);
      const at = command.data.at ?? now;
      if (entry.status !== 'checked-in' || entry.checkedInAt === undefined) {
        throw new DomainError('not-checked-in', 'The volunteer is not checked in on this shift', 409, { status: entry.status });
      }
      if (Date.parse(at) > Date.parse(now)) throw new DomainError('check-out-in-future', 'A check-out cannot be recorded ahead of time', 422, { field: 'at' });
      if (Date.parse(at) <= Date.parse(entry.checkedInAt)) {
        throw new DomainError('check-out-before-check-in', 'The check-out must come after the check-in', 422, { field: 'at' });
      }
      if (Date.parse(at) > endOf(shift) + CHECK_OUT_GRACE_MINUTES * 60_000) {
        throw new DomainError('check-out-outside-shift', 'The check-out is long after the shift ended', 422, { field: 'at' });
      }
      return [
        {
          type: 'volunteering.volunteer-checked-out',
          data: {
            activityId,
            shiftId: shift.shiftId,
            volunteerId: entry.volunteerId,
            servedOn: shift.date,
            checkedInAt: entry.checkedInAt,
            checkedOutAt: at,
            minutes: minutesBetween(entry.checkedInAt, at),
          },
        },
      ];
    }
    case 'MarkNoShow': {
      const shift = openShift(state, command.data.shiftId);
      const entry = rosterEntry(shift, command.data.volunteerId);
      if (entry.status === 'no-show') return [];
      if (entry.status !== 'signed-up') throw new DomainError('already-checked-in', 'The volunteer came to this shift', 409);
      if (!started(shift, now)) throw new DomainError('shift-not-started', 'A no-show is recorded once the shift has started', 409);
      return [{ type: 'volunteering.volunteer-no-show', data: { activityId, shiftId: shift.shiftId, volunteerId: entry.volunteerId } }];
    }
    default:
      return assertNever(command);
  }
}

/**
 * A volunteer who turns up without having signed up (a walk-in) is signed up on the spot when the shift has
 * room; a no-show recorded by mistake is overridden by the check-in.
 */
function checkIn(data: CheckInData, state: Activity, now: string): ActivityEvent[] {
  const shift = openShift(state, data.shiftId);
  const at = data.at ?? now;
  const entry = shift.roster[data.volunteerId];
  if (entry && (entry.status === 'checked-in' || entry.status === 'checked-out')) {
    throw new DomainError('already-checked-in', 'The volunteer is already checked in on this shift', 409);
  }
  if (Date.parse(at) > Date.parse(now)) throw new DomainError('check-in-in-future', 'A check-in cannot be recorded ahead of time', 422, { field: 'at' });
  if (Date.parse(at) < startOf(shift) - CHECK_IN_OPENS_MINUTES * 60_000 || Date.parse(at) >= endOf(shift)) {
    throw new DomainError('check-in-outside-shift', 'Check-ins open an hour before the shift and close at its end', 422, { field: 'at' });
  }
  requireActiveVolunteer(data.volunteer);
  const checkedIn: ActivityEvent = {
    type: 'volunteering.volunteer-checked-in',
    data: { activityId: state.activityId, shiftId: shift.shiftId, volunteerId: data.volunteerId, checkedInAt: at },
  };
  if (entry) return [checkedIn];
  checkRoom(shift);
  return [{ type: 'volunteering.volunteer-signed-up', data: { activityId: state.activityId, shiftId: shift.shiftId, volunteerId: data.volunteerId } }, checkedIn];
}

function plannedShifts(request: ShiftsRequest, existing: Record<string, Shift>, now: string): ShiftData[] {
  const plans = [...(request.shifts ?? []), ...(request.recurrence ? recurring(request.recurrence) : [])];
  if (plans.length === 0) throw new DomainError('activity-without-shifts', 'Give at least one shift, or a recurrence that yields one', 422);
  if (plans.length > MAX_SHIFTS_PER_COMMAND) {
    throw new DomainError('too-many-shifts', `At most ${MAX_SHIFTS_PER_COMMAND} shifts at a time`, 422, { shifts: plans.length });
  }
  const today = stationDate(now);
  const seen = new Set(Object.keys(existing));
  return plans.map((plan) => {
    if (!isIsoDate(plan.date) || !isTimeOfDay(plan.startTime) || !isTimeOfDay(plan.endTime) || plan.startTime >= plan.endTime) {
      throw new DomainError('invalid-shift-time', 'A shift starts before it ends, within one day', 422, { date: plan.date });
    }
    if (!Number.isInteger(plan.minStaff) || !Number.isInteger(plan.maxStaff) || plan.minStaff < 0 || plan.maxStaff < 1 || plan.minStaff > plan.maxStaff) {
      throw new DomainError('invalid-staffing', 'Staffing needs 0 <= minimum <= maximum and a maximum of at least 1', 422, { date: plan.date });
    }
    if (plan.date < today) throw new DomainError('shift-in-the-past', 'Shifts are scheduled from today on', 422, { date: plan.date });
    const shiftId = shiftIdOf(plan.date, plan.startTime);
    if (seen.has(shiftId)) throw new DomainError('duplicate-shift', `A shift already starts at ${plan.date} ${plan.startTime}`, 409, { shiftId });
    seen.add(shiftId);
    return { shiftId, date: plan.date, startTime: plan.startTime, endTime: plan.endTime, minStaff: plan.minStaff, maxStaff: plan.maxStaff };
  });
}

/** Expands a recurrence into its shifts; a span over a year is refused as certainly a mistake. */
export function recurring(rule: Recurrence): ShiftPlan[] {
  if (!isIsoDate(rule.from) || !isIsoDate(rule.until) || rule.until < rule.from || daysBetween(rule.from, rule.until) > 366) {
    throw new DomainError('invalid-recurrence', 'A recurrence runs from a date to a later one, a year at most', 422);
  }
  const weekdays = new Set(rule.weekdays);
  const plans: ShiftPlan[] = [];
  for (let date = rule.from; date <= rule.until; date = addDays(date, 1)) {
    if (!weekdays.has(weekdayOf(date))) continue;
    plans.push({ date, startTime: rule.startTime, endTime: rule.endTime, minStaff: rule.minStaff, maxStaff: rule.maxStaff });
  }
  return plans;
}

/** A shift's id is its start, so the same shift planned twice is recognised as a duplicate. */
export function shiftIdOf(date: IsoDate, startTime: string): string {
  return `${date.replace(/-/g, '')}-${startTime.replace(':', '')}`;
}

function openShift(state: Activity, shiftId: string): Shift {
  const shift = state.shifts[shiftId];
  if (!shift) throw new DomainError('shift-not-found', `No shift ${shiftId} in this activity`, 404);
  if (shift.status === 'cancelled') throw new DomainError('shift-cancelled', 'The shift was cancelled', 409);
  return shift;
}

function rosterEntry(shift: Shift, volunteerId: string): RosterEntry {
  const entry = shift.roster[volunteerId];
  if (!entry) throw new DomainError('not-signed-up', 'The volunteer is not on this shift', 404);
  return entry;
}

/** Over-staffing is refused: the maximum is what the venue, the tasks or the supervision can take. */
function checkRoom(shift: Shift): void {
  if (staffed(shift) >= shift.maxStaff) {
    throw new DomainError('shift-fully-staffed', `The shift already has its maximum of ${shift.maxStaff} volunteers`, 409, { maxStaff: shift.maxStaff });
  }
}

/** Volunteers counted against the shift's staffing: everyone on it except no-shows. */
export function staffed(shift: Pick<Shift, 'roster'>): number {
  return Object.values(shift.roster).filter((entry) => entry.status !== 'no-show').length;
}

export type StaffingState = 'understaffed' | 'staffed' | 'full';

export function staffingOf(shift: Pick<Shift, 'roster' | 'minStaff' | 'maxStaff'>): StaffingState {
  const count = staffed(shift);
  if (count >= shift.maxStaff) return 'full';
  return count < shift.minStaff ? 'understaffed' : 'staffed';
}

const startOf = (shift: ShiftData) => stationInstant(shift.date, shift.startTime);
const endOf = (shift: ShiftData) => stationInstant(shift.date, shift.endTime);
const started = (shift: ShiftData, now: string) => Date.parse(now) >= startOf(shift);
const overlap = (a: ShiftData, b: ShiftData) => startOf(a) < endOf(b) && startOf(b) < endOf(a);

function evolve(state: ActivityState, event: ActivityEvent): ActivityState {
  const added = (shifts: ShiftData[]) => Object.fromEntries(shifts.map((shift) => [shift.shiftId, { ...shift, status: 'scheduled' as const, roster: {} }]));
  if (event.type === 'volunteering.activity-scheduled') {
    const { activityId, stationId, title, kind, location, requiredSkills, shifts } = event.data;
    return { status: 'scheduled', activityId, stationId, title, kind, location, requiredSkills, shifts: added(shifts) };
  }
  if (state.status === 'none') return state;
  const onShift = (shiftId: string, change: (shift: Shift) => Shift): ActivityState => {
    const shift = state.shifts[shiftId];
    return shift ? { ...state, shifts: { ...state.shifts, [shiftId]: change(shift) } } : state;
  };
  const withEntry = (shiftId: string, volunteerId: string, entry: RosterEntry | null) =>
    onShift(shiftId, (shift) => {
      const { [volunteerId]: _previous, ...others } = shift.roster;
      return { ...shift, roster: entry === null ? others : { ...others, [volunteerId]: entry } };
    });
  switch (event.type) {
    case 'volunteering.shifts-added':
      return { ...state, shifts: { ...state.shifts, ...added(event.data.shifts) } };
    case 'volunteering.shift-cancelled':
      return onShift(event.data.shiftId, (shift) => ({ ...shift, status: 'cancelled' }));
    case 'volunteering.activity-cancelled': {
      const cancelled = new Set(event.data.cancelledShiftIds);
      const shifts = Object.fromEntries(
        Object.entries(state.shifts).map(([id, shift]) => [id, cancelled.has(id) ? { ...shift, status: 'cancelled' as const } : shift]),
      );
      return { ...state, status: 'cancelled', shifts };
    }
    case 'volunteering.volunteer-signed-up':
      return withEntry(event.data.shiftId, event.data.volunteerId, { volunteerId: event.data.volunteerId, status: 'signed-up' });
    case 'volunteering.sign-up-cancelled':
      return withEntry(event.data.shiftId, event.data.volunteerId, null);
    case 'volunteering.volunteer-checked-in':
      return withEntry(event.data.shiftId, event.data.volunteerId, {
        volunteerId: event.data.volunteerId,
        status: 'checked-in',
        checkedInAt: event.data.checkedInAt,
      });
    case 'volunteering.volunteer-checked-out': {
      const { volunteerId, checkedInAt, checkedOutAt } = event.data;
      return withEntry(event.data.shiftId, volunteerId, { volunteerId, status: 'checked-out', checkedInAt, checkedOutAt });
    }
    case 'volunteering.volunteer-no-show':
      return withEntry(event.data.shiftId, event.data.volunteerId, { volunteerId: event.data.volunteerId, status: 'no-show' });
    default:
      return assertNever(event);
  }
}
