import { arrayOf, date, integer, nullable, number, object, oneOf, page, position, Schema, string } from '../openapi/response-schema';

const STATION_SUMMARY: Schema = object({
  stationId: string(),
  year: integer(),
  members: integer(),
  volunteersWithVerifiedHours: integer(),
  verifiedMinutes: integer(),
  pendingMinutes: integer(),
  disputedMinutes: integer(),
  verifiedHoursPerMember: number(),
});

/** A station's volunteers and their hours in a year (GET /stations/{stationId}/volunteer-hours). */
export const VOLUNTEER_HOURS_PAGE_SCHEMA: Schema = page(
  object({
    volunteerId: string(),
    name: nullable(string('Null once the volunteer was erased')),
    status: oneOf(['active', 'suspended', 'left', 'erased']),
    skills: arrayOf(string()),
    languages: arrayOf(string()),
    enrolledOn: date(),
    leftOn: nullable(date()),
    verifiedMinutes: integer(),
    pendingMinutes: integer(),
    disputedMinutes: integer(),
  }),
  { year: integer(), summary: STATION_SUMMARY },
);

/** Every station's volunteer hours in a year (GET /centers/{centerId}/volunteer-hours). */
export const CHAIN_HOURS_SCHEMA: Schema = object({ centerId: string(), year: integer(), stations: arrayOf(STATION_SUMMARY), position: position() });
