import { PERMIT_STATUSES } from '@kinship/contracts';
import { assertNever } from '@kinship/eventsourcing';
import { addMonths, addYears, firstDayOfMonth, IsoDate } from './calendar-date';

/**
 * The residence permit (居住证) calendar: who may apply, when the annual endorsement (签注) is due,
 * and what state a permit is in on a given day. Pure functions, shared by the resident decider and
 * the read models.
 */

/** Months of continuous residence after arrival before a resident may apply. */
export const PERMIT_RESIDENCE_MONTHS = 6;
/** A permit, an endorsement and a restoration are each good for this many years. */
export const PERMIT_VALIDITY_YEARS = 1;

/** The permit as the registry records it; the shape carried by `ResidentTransferredIn.permit`. */
export interface PermitRecord {
  status: (typeof PERMIT_STATUSES)[number];
  appliedOn?: IsoDate;
  issuedOn?: IsoDate;
  validUntil?: IsoDate;
}

/**
 * What a permit means on a given day:
 * - `not-eligible`: no permit, and fewer than six months since arrival;
 * - `eligible`: no permit, and the resident may apply;
 * - `applied`: waiting for the public security bureau to issue it;
 * - `issued`: valid, endorsement not yet due;
 * - `endorsement-due`: valid, inside the endorsement window (see `endorsementWindow`);
 * - `overdue`: past `validUntil` without endorsement, not yet recorded as lapsed;
 * - `lapsed`: recorded as lapsed; it must be restored.
 */
export type PermitStatusOnDay = 'not-eligible' | 'eligible' | 'applied' | 'issued' | 'endorsement-due' | 'overdue' | 'lapsed';

/** The first day a resident who arrived on `arrivalDate` may apply (2026-01-10 → 2026-07-10). */
export function permitEligibleFrom(arrivalDate: IsoDate): IsoDate {
  return addMonths(arrivalDate, PERMIT_RESIDENCE_MONTHS);
}

/** The end of validity of a permit issued, endorsed or restored with validity starting on `from`. */
export function permitValidUntil(from: IsoDate): IsoDate {
  return addYears(from, PERMIT_VALIDITY_YEARS);
}

/**
 * The annual endorsement window of a permit valid until `validUntil`: from the first day of the
 * month before the anniversary up to and including `validUntil` (2027-03-15 → 2027-02-01 … 2027-03-15).
 */
export function endorsementWindow(validUntil: IsoDate): { opensOn: IsoDate; closesOn: IsoDate } {
  return { opensOn: firstDayOfMonth(validUntil, -1), closesOn: validUntil };
}

/** The state of a resident's permit on `today`, from their arrival date and permit record. */
export function permitStatusOn(resident: { arrivalDate: IsoDate; permit: PermitRecord }, today: IsoDate): PermitStatusOnDay {
  const { permit } = resident;
  switch (permit.status) {
    case 'none':
      return today < permitEligibleFrom(resident.arrivalDate) ? 'not-eligible' : 'eligible';
    case 'applied':
      return 'applied';
    case 'issued': {
      if (!permit.validUntil) throw new Error('An issued permit always has a validUntil date');
      if (today > permit.validUntil) return 'overdue';
      return today < endorsementWindow(permit.validUntil).opensOn ? 'issued' : 'endorsement-due';
    }
    case 'lapsed':
      return 'lapsed';
    default:
      return assertNever(permit.status);
  }
}

