import { boolean, date, fen, integer, nullable, object, oneOf, page, Schema, string } from '../openapi/response-schema';

/** Pairings with their visits and aid, and which are overdue for a visit (GET …/pairing-continuity). */
export const PAIRING_CONTINUITY_PAGE_SCHEMA: Schema = page(
  object({
    pairingId: string(),
    stationId: nullable(string()),
    centerId: nullable(string()),
    volunteerId: nullable(string()),
    householdId: nullable(string()),
    category: nullable(string()),
    status: nullable(oneOf(['active', 'ended'])),
    startedOn: nullable(date()),
    endedOn: nullable(date()),
    endReason: nullable(string()),
    alertAfterDays: integer(),
    lastVisitOn: nullable(date()),
    visits: integer(),
    visitMinutes: integer(),
    aidReceivedFen: fen(),
    aidPayments: integer(),
    beneficiaryErased: boolean(),
    daysWithoutVisit: integer(),
    overdue: boolean(),
  }),
  { asOf: date(), summary: object({ active: integer(), overdue: integer(), ended: integer() }) },
);
