import {
  ActivityCancelled,
  ActivityScheduled,
  EventEnvelope,
  ShiftCancelled,
  ShiftData,
  ShiftsAdded,
  SignUpCancelled,
  streamCategory,
  VolunteerCheckedIn,
  VolunteerCheckedOut,
  VolunteerNoShow,
  volunteeringStreams,
  volunteeringUpcasters,
  VolunteerSignedUp,
} from '@kinship/contracts';
import { Collection } from '@kinship/documents';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { alreadyApplied, markApplied, Projection, ProjectionContext } from '../projection/projection';
import { ROSTER_ACTIVITIES, RosterActivityDocument, RosterStatus, SHIFT_ROSTERS, ShiftRosterDocument, StaffingState } from './volunteer-rosters.document';

export const VOLUNTEER_ROSTERS = 'volunteer-rosters';

export class ActivityNotProjectedError extends Error {
  constructor(readonly activityId: string, readonly eventType: string) {
    super(`Activity ${activityId} is not in the read model; cannot apply ${eventType}`);
  }
}

/**
 * Activity rosters (DESIGN §4): every shift with who is on it, who came, and whether it has the volunteers it
 * needs. The activity's document records which events of its stream were applied; the shift documents are
 * rewritten whole from their current state, so applying an event twice changes nothing.
 */
export function volunteerRostersProjection(deps: { org: Pick<OrgDirectoryReader, 'centerOf'> }): Projection {
  async function apply(raw: EventEnvelope, ctx: ProjectionContext): Promise<void> {
    const event = volunteeringUpcasters.upcast(raw);
    const activities = ctx.collection<RosterActivityDocument>(ROSTER_ACTIVITIES);
    const shifts = ctx.collection<ShiftRosterDocument>(SHIFT_ROSTERS);
    const activityId = (event.data as { activityId?: unknown }).activityId;
    if (typeof activityId !== 'string') return;
    const activity = await activities.get(activityId);
    if (alreadyApplied(activity, event)) return;

    if (event.type === ActivityScheduled.type) {
      const data = ActivityScheduled.schema.parse(event.data);
      const { stationId, title, kind, location } = data;
      const scheduled: RosterActivityDocument = { _id: activityId, activityId, stationId, title, kind, location, status: 'scheduled' };
      for (const shift of data.shifts) await shifts.upsert(newShift(scheduled, shift, deps.org.centerOf(stationId)?.id ?? null));
      await activities.upsert({ ...scheduled, _sources: markApplied(activity, event) });
      return;
    }
    if (!activity) throw new ActivityNotProjectedError(activityId, event.type);
    await applyToShifts(event, activity, shifts);
    const status = event.type === ActivityCancelled.type ? 'cancelled' : activity.status;
    await activities.upsert({ ...activity, status, _sources: markApplied(activity, event) });
  }

  async function applyToShifts(event: EventEnvelope, activity: RosterActivityDocument, shifts: Collection<ShiftRosterDocument>): Promise<void> {
    const onShift = async (shiftId: string, change: (shift: ShiftRosterDocument) => Partial<ShiftRosterDocument>) => {
      const shift = await shifts.get(`${activity.activityId}/${shiftId}`);
      if (shift) await shifts.upsert(withStaffing({ ...shift, ...change(shift) }));
    };
    const onRoster = (shiftId: string, volunteerId: string, status: RosterStatus | null) =>
      onShift(shiftId, (shift) => {
        const others = shift.roster.filter((entry) => entry.volunteerId !== volunteerId);
        const kept = shift.roster.find((entry) => entry.volunteerId === volunteerId);
        if (status === null) return { roster: others };
        return { roster: kept ? shift.roster.map((entry) => (entry.volunteerId === volunteerId ? { volunteerId, status } : entry)) : [...others, { volunteerId, status }] };
      });
    switch (event.type) {
      case ShiftsAdded.type: {
        for (const shift of ShiftsAdded.schema.parse(event.data).shifts) {
          await shifts.upsert(newShift(activity, shift, deps.org.centerOf(activity.stationId)?.id ?? null));
        }
        return;
      }
      case ShiftCancelled.type:
        return onShift(ShiftCancelled.schema.parse(event.data).shiftId, () => ({ status: 'cancelled' }));
      case ActivityCancelled.type:
        for (const shiftId of ActivityCancelled.schema.parse(event.data).cancelledShiftIds) await onShift(shiftId, () => ({ status: 'cancelled' }));
        return;
      case VolunteerSignedUp.type: {
        const { shiftId, volunteerId } = VolunteerSignedUp.schema.parse(event.data);
        return onRoster(shiftId, volunteerId, 'signed-up');
      }
      case SignUpCancelled.type: {
        const { shiftId, volunteerId } = SignUpCancelled.schema.parse(event.data);
        return onRoster(shiftId, volunteerId, null);
      }
      case VolunteerCheckedIn.type: {
        const { shiftId, volunteerId } = VolunteerCheckedIn.schema.parse(event.data);
        return onRoster(shiftId, volunteerId, 'checked-in');
      }
      case VolunteerCheckedOut.type: {
        const { shiftId, volunteerId } = VolunteerCheckedOut.schema.parse(event.data);
        return onRoster(shiftId, volunteerId, 'checked-out');
      }
      case VolunteerNoShow.type: {
        const { shiftId, volunteerId } = VolunteerNoShow.schema.parse(event.data);
        return onRoster(shiftId, volunteerId, 'no-show');
      }
      default:
        return;
    }
  }

  return {
    name: VOLUNTEER_ROSTERS,
    version: 1,
    categories: [streamCategory(volunteeringStreams.activity('station', 'activity'))],
    collections: {
      [ROSTER_ACTIVITIES]: {},
      [SHIFT_ROSTERS]: { indexes: [{ fields: { stationId: 1, date: 1 } }, { fields: { centerId: 1, date: 1 } }] },
    },
    apply,
  };
}

function newShift(activity: RosterActivityDocument, shift: ShiftData, centerId: string | null): ShiftRosterDocument {
  return withStaffing({
    _id: `${activity.activityId}/${shift.shiftId}`,
    activityId: activity.activityId,
    stationId: activity.stationId,
    centerId,
    title: activity.title,
    kind: activity.kind,
    location: activity.location,
    ...shift,
    status: 'scheduled',
    roster: [],
    staffed: 0,
    staffing: 'understaffed',
  });
}

function withStaffing(shift: ShiftRosterDocument): ShiftRosterDocument {
  const staffed = shift.roster.filter((entry) => entry.status !== 'no-show').length;
  const staffing: StaffingState = staffed >= shift.maxStaff ? 'full' : staffed < shift.minStaff ? 'understaffed' : 'staffed';
  return { ...shift, staffed, staffing };
}
