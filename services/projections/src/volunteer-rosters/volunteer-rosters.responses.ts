import { arrayOf, date, integer, object, oneOf, page, Schema, string } from '../openapi/response-schema';

const STAFFING = ['understaffed', 'staffed', 'full'] as const;

/** The station's shifts in a range of days with their rosters and staffing (GET …/volunteer-rosters). */
export const VOLUNTEER_ROSTERS_PAGE_SCHEMA: Schema = page(
  object({
    activityId: string(),
    shiftId: string(),
    stationId: string(),
    title: string(),
    kind: string(),
    location: string(),
    date: date(),
    startTime: string('HH:MM'),
    endTime: string('HH:MM'),
    minStaff: integer(),
    maxStaff: integer(),
    status: oneOf(['scheduled', 'cancelled']),
    roster: arrayOf(object({ volunteerId: string(), status: oneOf(['signed-up', 'checked-in', 'checked-out', 'no-show']) })),
    staffed: integer('Everyone on the roster but no-shows'),
    staffing: oneOf(STAFFING),
  }),
  { from: date(), to: date(), staffing: object(Object.fromEntries(STAFFING.map((state) => [state, integer()])), 'Shifts per staffing state') },
);
