import { VIEWING_OUTCOMES } from '@kinship/contracts';
import { HOUSING_REQUEST_STATUSES, LISTING_STATUSES } from '../brokerage-listings/brokerage-listings.document';
import { FIT_REASONS } from '../brokerage-listings/listing-fit';
import { INVOICE_STATUSES, LEASE_STATUSES } from '../brokerage-leases/brokerage-leases.document';
import { arrayOf, date, dateTime, fen, integer, nullable, number, object, oneOf, page, Schema, string } from '../openapi/response-schema';

const method = oneOf(['cash', 'transfer']);

/** A listing as the brokerage views show it (GET …/listings and …/listings/{listingId}). */
export const LISTING_SCHEMA: Schema = object({
  listingId: string(),
  stationId: string(),
  centerId: nullable(string()),
  landlordId: string(),
  compound: string(),
  building: string(),
  unit: string(),
  room: string(),
  areaSqm: number(),
  rooms: integer(),
  monthlyRentFen: fen(),
  depositFen: fen(),
  photos: arrayOf(string()),
  nearby: arrayOf(string()),
  status: oneOf(LISTING_STATUSES),
  leaseId: nullable(string()),
  publishedOn: nullable(date()),
  landlord: nullable(
    object({ landlordId: string(), name: string(), phone: string() }, "In full for the station's own staff, masked for the chain's manager, null once erased"),
  ),
});

/** A housing request (GET …/housing-requests). */
export const HOUSING_REQUEST_SCHEMA: Schema = object({
  requestId: string(),
  residentId: string(),
  stationId: string(),
  centerId: nullable(string()),
  budgetFen: fen(),
  householdSize: integer(),
  workArea: string(),
  moveInBy: nullable(date()),
  notes: nullable(string('In clear for the station, masked for the chain; null once the resident was erased')),
  status: oneOf(HOUSING_REQUEST_STATUSES),
  leaseId: nullable(string()),
  requestedOn: date(),
  closedOn: nullable(date()),
  viewings: arrayOf(object({ viewingId: string(), listingId: string(), scheduledAt: dateTime(), outcome: nullable(oneOf(VIEWING_OUTCOMES)) })),
});

/** A request and the listings that fit it best. */
export const SUGGESTIONS_SCHEMA: Schema = object({
  request: HOUSING_REQUEST_SCHEMA,
  suggestions: arrayOf({
    allOf: [LISTING_SCHEMA, object({ fit: object({ score: number(), reasons: arrayOf(oneOf(FIT_REASONS)) }) })],
  }),
});

/** An invoice of the brokerage fee with its payments, refunds and waivers. */
export const INVOICE_SCHEMA: Schema = object({
  invoiceId: string(),
  stationId: string(),
  centerId: nullable(string()),
  leaseId: string(),
  residentId: string(),
  reason: oneOf(['lease-signed', 'lease-renewed']),
  amountFen: fen(),
  issuedOn: date(),
  paidFen: fen(),
  refundedFen: fen(),
  waivedFen: fen(),
  outstandingFen: fen(),
  status: oneOf(INVOICE_STATUSES),
  voidedOn: nullable(date()),
  payments: arrayOf(object({ paymentId: string(), amountFen: fen(), method, reference: nullable(string()), paidOn: date() })),
  refunds: arrayOf(object({ refundId: string(), amountFen: fen(), method, reference: nullable(string()), refundedOn: date(), reason: string() })),
  waivers: arrayOf(
    object({
      amountFen: fen(),
      waivedOn: date(),
      basis: object({ kind: string(), reference: string() }),
      approvedBy: string(),
      justification: nullable(string('In clear for the station, masked for the chain; null once the resident was erased')),
    }),
  ),
});

const LEASE_FIELDS: Record<string, Schema> = {
  leaseId: string(),
  stationId: string(),
  centerId: nullable(string()),
  listingId: string(),
  landlordId: string(),
  residentId: string(),
  requestId: nullable(string()),
  compound: string(),
  signedOn: date(),
  startsOn: date(),
  endsOn: date(),
  monthlyRentFen: fen(),
  depositFen: fen(),
  renewals: integer(),
  feesFen: arrayOf(fen(), 'The fee of the signing and of each renewal, in fen'),
  status: oneOf(LEASE_STATUSES),
  endedOn: nullable(date()),
  endReason: nullable(oneOf(['term-completed', 'early-termination'])),
  depositReturnedFen: nullable(fen()),
  depositWithheldFen: nullable(fen()),
  fee: object({ invoicedFen: fen(), outstandingFen: fen() }),
};

/** A lease in a list (GET …/leases). */
export const LEASE_SUMMARY_SCHEMA: Schema = object(LEASE_FIELDS);

/** One lease with its address and invoices (GET …/leases/{leaseId}). */
export const LEASE_SCHEMA: Schema = object({
  ...LEASE_FIELDS,
  address: nullable(object({ building: string(), unit: string(), room: nullable(string()) }, 'Null once the resident was erased')),
  invoices: arrayOf(INVOICE_SCHEMA),
});

export const LISTINGS_PAGE_SCHEMA = page(LISTING_SCHEMA);
export const HOUSING_REQUESTS_PAGE_SCHEMA = page(HOUSING_REQUEST_SCHEMA);
export const LEASES_PAGE_SCHEMA = page(LEASE_SUMMARY_SCHEMA);
export const INVOICES_PAGE_SCHEMA = page(INVOICE_SCHEMA);
