import { Caller, HttpMethod, JsonBody } from './brokerage-test-app';

/** Every write endpoint of the brokerage, with a body of the right shape, for the validation and access specs. */
export interface WriteEndpoint {
  name: string;
  method: HttpMethod;
  /** The URL at a station (or, for center settings, a center). */
  url: (at: { stationId: string; centerId: string }) => string;
  /** Who may send it at Guangrui No.1 (or its center). */
  caller: Caller;
  valid: () => JsonBody;
  /** A required field to leave out, dotted for nested fields. */
  required?: string;
  malformed: Array<{ field: string; value: unknown }>;
}

const id = () => crypto.randomUUID();
const station = (path: string) => (at: { stationId: string }) => `/stations/${at.stationId}${path}`;
const resident = id();
const request = id();
const listing = id();
const invoice = id();
const contract = id();

const listingBody = () => ({ landlordId: id(), compound: '广瑞一村', building: '12', unit: '2', room: '301', areaSqm: 38.5, rooms: 2, monthlyRentFen: 120_000, depositFen: 0 });

export const WRITE_ENDPOINTS: WriteEndpoint[] = [
  {
    name: 'register a landlord',
    method: 'POST',
    url: station('/landlords'),
    caller: 'staffGuangrui1',
    valid: () => ({ name: '陈建华', phone: '13912345678' }),
    required: 'phone',
    malformed: [{ field: 'phone', value: 'call me' }, { field: 'name', value: '' }],
  },
  {
    name: "change a landlord's contact",
    method: 'POST',
    url: station(`/landlords/${id()}/contact`),
    caller: 'staffGuangrui1',
    valid: () => ({ name: '陈建华', phone: '0510-82345678' }),
    required: 'name',
    malformed: [{ field: 'phone', value: 13912345678 }],
  },
  {
    name: 'erase a landlord',
    method: 'POST',
    url: station(`/landlords/${id()}/erasure`),
    caller: 'leadGuangrui1',
    valid: () => ({ requestedBy: 'the landlord', reason: 'asked' }),
    required: 'reason',
    malformed: [{ field: 'requestedBy', value: ['x'] }],
  },
  {
    name: 'create a listing',
    method: 'POST',
    url: station('/listings'),
    caller: 'staffGuangrui1',
    valid: listingBody,
    required: 'monthlyRentFen',
    malformed: [
      { field: 'monthlyRentFen', value: 1200.5 },
      { field: 'monthlyRentFen', value: '1200' },
      { field: 'depositFen', value: -1 },
      { field: 'areaSqm', value: 38.55 },
      { field: 'landlordId', value: 'landlord-1' },
      { field: 'photos', value: 'photo.jpg' },
    ],
  },
  { name: 'publish a listing', method: 'POST', url: station(`/listings/${listing}/publication`), caller: 'staffGuangrui1', valid: () => ({}), malformed: [{ field: 'on', value: '2026-02-30' }, { field: 'on', value: null }] },
  {
    name: "change a listing's price",
    method: 'POST',
    url: station(`/listings/${listing}/price`),
    caller: 'staffGuangrui1',
    valid: () => ({ monthlyRentFen: 110_000 }),
    required: 'monthlyRentFen',
    malformed: [{ field: 'monthlyRentFen', value: 0 }, { field: 'depositFen', value: 99.9 }],
  },
  {
    name: 'withdraw a listing',
    method: 'POST',
    url: station(`/listings/${listing}/withdrawal`),
    caller: 'staffGuangrui1',
    valid: () => ({ reason: 'sold' }),
    required: 'reason',
    malformed: [{ field: 'on', value: 'today' }],
  },
  { name: 'mark a listing let', method: 'POST', url: station(`/listings/${listing}/let`), caller: 'staffGuangrui1', valid: () => ({}), malformed: [{ field: 'on', value: 20260501 }] },
  { name: 'vacate a listing', method: 'POST', url: station(`/listings/${listing}/vacancy`), caller: 'staffGuangrui1', valid: () => ({}), malformed: [{ field: 'on', value: '05/01/2026' }] },
  {
    name: 'open a housing request',
    method: 'POST',
    url: station(`/residents/${resident}/housing-requests`),
    caller: 'staffGuangrui1',
    valid: () => ({ budgetFen: 150_000, householdSize: 3, workArea: '广瑞路工业园' }),
    required: 'householdSize',
    malformed: [
      { field: 'budgetFen', value: 1500.0001 },
      { field: 'householdSize', value: 0 },
      { field: 'moveInBy', value: 'soon' },
      { field: 'notes', value: 42 },
    ],
  },
  {
    name: 'revise a housing request',
    method: 'POST',
    url: station(`/residents/${resident}/housing-requests/${request}/revision`),
    caller: 'staffGuangrui1',
    valid: () => ({ budgetFen: 150_000, householdSize: 3, workArea: '广瑞路工业园' }),
    required: 'workArea',
    malformed: [{ field: 'householdSize', value: 21 }],
  },
  {
    name: 'schedule a viewing',
    method: 'POST',
    url: station(`/residents/${resident}/housing-requests/${request}/viewings`),
    caller: 'staffGuangrui1',
    valid: () => ({ listingId: id(), scheduledAt: '2026-05-16T10:00:00+08:00' }),
    required: 'scheduledAt',
    malformed: [{ field: 'scheduledAt', value: 'Saturday morning' }, { field: 'listingId', value: 'unit 301' }],
  },
  {
    name: 'record how a viewing went',
    method: 'POST',
    url: station(`/residents/${resident}/housing-requests/${request}/viewings/${id()}/outcome`),
    caller: 'staffGuangrui1',
    valid: () => ({ outcome: 'interested' }),
    required: 'outcome',
    malformed: [{ field: 'outcome', value: 'loved it' }],
  },
  {
    name: 'withdraw a housing request',
    method: 'POST',
    url: station(`/residents/${resident}/housing-requests/${request}/withdrawal`),
    caller: 'staffGuangrui1',
    valid: () => ({}),
    malformed: [{ field: 'on', value: '2026-13-01' }],
  },
  {
    name: 'sign a lease',
    method: 'POST',
    url: station('/leases'),
    caller: 'staffGuangrui1',
    valid: () => ({ listingId: id(), residentId: id(), startsOn: '2026-06-01', endsOn: '2027-05-31' }),
    required: 'residentId',
    malformed: [
      { field: 'startsOn', value: '1 June' },
      { field: 'monthlyRentFen', value: 1200.5 },
      { field: 'requestId', value: 'request' },
    ],
  },
  {
    name: 'renew a lease',
    method: 'POST',
    url: station(`/leases/${id()}/renewal`),
    caller: 'staffGuangrui1',
    valid: () => ({ endsOn: '2028-05-31' }),
    required: 'endsOn',
    malformed: [{ field: 'monthlyRentFen', value: -5 }],
  },
  {
    name: 'end a lease',
    method: 'POST',
    url: station(`/leases/${id()}/end`),
    caller: 'staffGuangrui1',
    valid: () => ({ depositReturnedFen: 120_000 }),
    required: 'depositReturnedFen',
    malformed: [{ field: 'depositReturnedFen', value: 1.5 }, { field: 'withholdingReason', value: '' }],
  },
  {
    name: 'set the fee schedule',
    method: 'PUT',
    url: (at) => `/centers/${at.centerId}/fee-schedule`,
    caller: 'centerManager',
    valid: () => ({ basisPoints: 3000, capFen: 50_000, renewalBasisPoints: 0 }),
    required: 'basisPoints',
    malformed: [
      { field: 'basisPoints', value: 30.5 },
      { field: 'basisPoints', value: 10_001 },
      { field: 'capFen', value: 500.01 },
      { field: 'effectiveFrom', value: 'next month' },
    ],
  },
  {
    name: 'record a payment',
    method: 'POST',
    url: station(`/invoices/${invoice}/payments`),
    caller: 'staffGuangrui1',
    valid: () => ({ amountFen: 36_000, method: 'cash' }),
    required: 'amountFen',
    malformed: [
      { field: 'amountFen', value: 360.0 + 0.5 },
      { field: 'method', value: 'cheque' },
      { field: 'reference', value: '' },
    ],
  },
  {
    name: 'refund a fee',
    method: 'POST',
    url: station(`/invoices/${invoice}/refunds`),
    caller: 'leadGuangrui1',
    valid: () => ({ amountFen: 6_000, method: 'cash', reason: 'late' }),
    required: 'reason',
    malformed: [{ field: 'amountFen', value: 0 }],
  },
  {
    name: 'waive a fee',
    method: 'POST',
    url: station(`/invoices/${invoice}/waiver`),
    caller: 'leadGuangrui1',
    valid: () => ({ basis: { kind: 'case-fact', reference: 'case-1' }, justification: 'hardship' }),
    required: 'basis.reference',
    malformed: [
      { field: 'basis.kind', value: 'hearsay' },
      { field: 'basis', value: 'case-1' },
      { field: 'amountFen', value: 100.5 },
    ],
  },
  {
    name: 'void an invoice',
    method: 'POST',
    url: station(`/invoices/${invoice}/void`),
    caller: 'leadGuangrui1',
    valid: () => ({ reason: 'wrong lease' }),
    required: 'reason',
    malformed: [{ field: 'on', value: true }],
  },
  {
    name: 'record an expense',
    method: 'POST',
    url: station('/ledger/expenses'),
    caller: 'staffGuangrui1',
    valid: () => ({ amountFen: 10_000, paidFrom: 'cash', category: 'supplies', description: 'forms' }),
    required: 'category',
    malformed: [
      { field: 'amountFen', value: 99.99 },
      { field: 'paidFrom', value: 'petty-cash' },
      { field: 'category', value: 'bribes' },
      { field: 'spentOn', value: null },
    ],
  },
  {
    name: 'reverse an entry',
    method: 'POST',
    url: station(`/ledger/entries/${id()}/reversal`),
    caller: 'leadGuangrui1',
    valid: () => ({ reason: 'booked twice' }),
    required: 'reason',
    malformed: [{ field: 'reversedOn', value: '2026-04-31' }],
  },
  {
    name: 'close a month',
    method: 'POST',
    url: station('/ledger/closes'),
    caller: 'leadGuangrui1',
    valid: () => ({ period: '2026-04' }),
    required: 'period',
    malformed: [{ field: 'period', value: '2026-4' }, { field: 'period', value: '2026-04-30' }],
  },
  {
    name: 'sign a service contract',
    method: 'POST',
    url: station('/service-contracts'),
    caller: 'leadGuangrui1',
    valid: () => ({ service: 'child-day-care', purchaser: 'district', unit: 'child-day', unitPriceFen: 3_000, startsOn: '2026-03-01', endsOn: '2026-12-31', reference: 'LX-1' }),
    required: 'unitPriceFen',
    malformed: [
      { field: 'service', value: 'Child Day Care' },
      { field: 'unitPriceFen', value: 30.5 },
    ],
  },
  {
    name: 'record a delivery',
    method: 'POST',
    url: station(`/service-contracts/${contract}/deliveries`),
    caller: 'staffGuangrui1',
    valid: () => ({ deliveredOn: '2026-04-01', units: 20 }),
    required: 'units',
    malformed: [{ field: 'units', value: 2.5 }, { field: 'units', value: -1 }],
  },
  {
    name: 'submit a claim',
    method: 'POST',
    url: station(`/service-contracts/${contract}/claims`),
    caller: 'leadGuangrui1',
    valid: () => ({ period: '2026-04' }),
    required: 'period',
    malformed: [{ field: 'period', value: 'April' }],
  },
  {
    name: 'record a grant received',
    method: 'POST',
    url: station(`/service-contracts/${contract}/claims/${id()}/receipts`),
    caller: 'staffGuangrui1',
    valid: () => ({ amountFen: 60_000, reference: 'CZ-1' }),
    required: 'reference',
    malformed: [{ field: 'amountFen', value: 600.5 }, { field: 'final', value: 'yes' }],
  },
];
