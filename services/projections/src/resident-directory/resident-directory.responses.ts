import { HOUSEHOLD_RELATIONS, PERMIT_STATUSES, SEXES } from '@kinship/contracts';
import { date, dateTime, integer, nullable, object, oneOf, page, Schema, string } from '../openapi/response-schema';
import { DIRECTORY_STATUSES } from './resident-directory.document';

/** A resident as the directory shows them (GET …/directory/{residentId}). */
export const DIRECTORY_ITEM_SCHEMA: Schema = object({
  residentId: string(),
  stationId: string(),
  centerId: nullable(string()),
  status: oneOf(DIRECTORY_STATUSES),
  sex: oneOf(SEXES),
  origin: object({ province: string(), city: string() }),
  compound: string(),
  occupation: nullable(string()),
  householdId: nullable(string()),
  householdRole: nullable(oneOf(HOUSEHOLD_RELATIONS)),
  arrivalDate: date(),
  registeredAt: dateTime(),
  permit: object({ status: oneOf(PERMIT_STATUSES), appliedOn: nullable(date()), issuedOn: nullable(date()), validUntil: nullable(date()) }),
  childrenNeedingSchool: integer(),
  personal: nullable(
    object(
      { name: string(), phone: string(), idNumber: string(), address: object({ building: string(), unit: string() }) },
      'Masked personal data; null for readers who may not see it and once the resident was erased',
    ),
  ),
});

/** One page of the directory (GET …/directory). */
export const DIRECTORY_PAGE_SCHEMA: Schema = page(DIRECTORY_ITEM_SCHEMA);
