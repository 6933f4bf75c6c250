import { z } from 'zod';
import { defineEvent, EventContract, Upcasters } from '../envelope/catalogue';
import { EventEnvelope } from '../envelope/envelope';
import { LEDGER_ACCOUNT_IDS } from './ledger-accounts';

export * from './ledger-accounts';

/**
 * Events of the brokerage (中介服务): low-fee rental brokerage, the station ledger and the surplus (结余) that
 * funds the council's public-welfare work. Amounts are whole fen (分), never floating-point yuan.
 *
 * Listings (房源) of landlords (房东), residents' housing requests (求租) and viewings (看房), leases (租约), the
 * brokerage fee (中介费) and its invoice, the station's double-entry ledger (账簿), and contracts under which the
 * district buys services from the center (政府购买服务), such as child day-care (子女代管).
 *
 * Personal data never travels in clear text: a landlord's contact is ciphertext under the landlord's own key, a
 * resident's address, notes and hardship justification are ciphertext under the resident's key (see libs/privacy).
 */

const fen = z.number().int().nonnegative();
const positiveFen = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');
const isoInstant = z.string().datetime({ offset: true });
/** Ciphertext of a JSON document under the key of the person the event names. */
const ciphertext = z.string().min(1);

/** The clear-text shape of a landlord's `contact`, under the landlord's key. */
export const landlordContactSchema = z.object({ name: z.string(), phone: z.string() });
export type LandlordContact = z.infer<typeof landlordContactSchema>;

/** The clear-text shape of a lease's `address`, under the resident's key: the registry's address within a compound. */
export const leaseAddressSchema = z.object({ building: z.string(), unit: z.string(), room: z.string().optional() });
export type LeaseAddress = z.infer<typeof leaseAddressSchema>;

/** The clear-text shape of free text about a resident (request notes, a hardship justification), under their key. */
export const residentNoteSchema = z.object({ text: z.string() });
export type ResidentNote = z.infer<typeof residentNoteSchema>;

// ---------------------------------------------------------------------------------------------- landlords

export const LandlordRegistered = defineEvent(
  'brokerage.landlord-registered',
  1,
  z.object({ landlordId: z.string(), stationId: z.string(), contact: ciphertext }),
);
export const LandlordContactChanged = defineEvent(
  'brokerage.landlord-contact-changed',
  1,
  z.object({ landlordId: z.string(), contact: ciphertext }),
);
export const LandlordPersonalDataErased = defineEvent(
  'brokerage.landlord-personal-data-erased',
  1,
  z.object({ landlordId: z.string(), requestedBy: z.string(), reason: z.string() }),
);

// ----------------------------------------------------------------------------------------------- listings

export const ListingCreated = defineEvent(
  'brokerage.listing-created',
  1,
  z.object({
    listingId: z.string(),
    stationId: z.string(),
    landlordId: z.string(),
    compound: z.string(),
    building: z.string(),
    unit: z.string(),
    room: z.string(),
    /** Floor area in square metres (not money: a decimal is fine). */
    areaSqm: z.number().positive(),
    rooms: z.number().int().positive(),
    monthlyRentFen: positiveFen,
    depositFen: fen,
    /** References to photos kept in a blob store, never the images themselves. */
    photos: z.array(z.string()),
    /** Places within walking distance (industrial parks, markets, schools), to match where a household works. */
    nearby: z.array(z.string()).optional(),
  }),
);
export const ListingPublished = defineEvent('brokerage.listing-published', 1, z.object({ listingId: z.string(), publishedOn: isoDate }));
export const ListingPriceChanged = defineEvent(
  'brokerage.listing-price-changed',
  1,
  z.object({
    listingId: z.string(),
    monthlyRentFen: positiveFen,
    depositFen: fen,
    previousRentFen: positiveFen,
    previousDepositFen: fen,
    changedOn: isoDate,
  }),
);
export const ListingWithdrawn = defineEvent(
  'brokerage.listing-withdrawn',
  1,
  z.object({ listingId: z.string(), withdrawnOn: isoDate, reason: z.string() }),
);
/** `leaseId` is null when the unit was let outside the station's brokerage. */
export const ListingLet = defineEvent(
  'brokerage.listing-let',
  1,
  z.object({ listingId: z.string(), letOn: isoDate, leaseId: z.string().nullable() }),
);
/** The unit is free again and off the market until it is published anew. */
export const ListingVacated = defineEvent(
  'brokerage.listing-vacated',
  1,
  z.object({ listingId: z.string(), vacatedOn: isoDate, leaseId: z.string().nullable() }),
);

// -------------------------------------------------------------------------------- housing requests (求租)

export const VIEWING_OUTCOMES = ['interested', 'declined', 'no-show', 'cancelled'] as const;
export const HOUSING_REQUEST_OUTCOMES = ['housed', 'withdrawn'] as const;

const housingNeeds = {
  budgetFen: positiveFen,
  householdSize: z.number().int().min(1),
  /** Where the household works, coarse (an industrial park, a compound), to rank listings by distance. */
  workArea: z.string(),
  moveInBy: isoDate.optional(),
};

export const HousingRequested = defineEvent(
  'brokerage.housing-requested',
  1,
  z.object({
    requestId: z.string(),
    residentId: z.string(),
    stationId: z.string(),
    ...housingNeeds,
    /** A `ResidentNote` under the resident's key. */
    notes: ciphertext.optional(),
    requestedOn: isoDate,
  }),
);
export const HousingRequestRevised = defineEvent(
  'brokerage.housing-request-revised',
  1,
  z.object({ requestId: z.string(), residentId: z.string(), ...housingNeeds }),
);
export const ViewingScheduled = defineEvent(
  'brokerage.viewing-scheduled',
  1,
  z.object({ requestId: z.string(), residentId: z.string(), viewingId: z.string(), listingId: z.string(), scheduledAt: isoInstant }),
);
export const ViewingOutcomeRecorded = defineEvent(
  'brokerage.viewing-outcome-recorded',
  1,
  z.object({ requestId: z.string(), residentId: z.string(), viewingId: z.string(), outcome: z.enum(VIEWING_OUTCOMES), recordedOn: isoDate }),
);
export const HousingRequestClosed = defineEvent(
  'brokerage.housing-request-closed',
  1,
  z.object({
    requestId: z.string(),
    residentId: z.string(),
    outcome: z.enum(HOUSING_REQUEST_OUTCOMES),
    leaseId: z.string().optional(),
    closedOn: isoDate,
  }),
);
/** The resident was erased in the registry: their housing file is closed for good. */
export const HousingFileErased = defineEvent('brokerage.housing-file-erased', 1, z.object({ residentId: z.string() }));

// -------------------------------------------------------------------------------------------------- fees

/** The fee schedule of a service center: a share of one month's rent, capped; a separate share on a renewal. */
export const FeeScheduleSet = defineEvent(
  'brokerage.fee-schedule-set',
  1,
  z.object({
    centerId: z.string(),
    effectiveFrom: isoDate,
    /** Share of one month's rent, in basis points (1/10,000): 3000 is 30%. */
    basisPoints: z.number().int().min(0).max(10_000),
    capFen: fen,
    /** Usually 0: no fee on a renewal. */
    renewalBasisPoints: z.number().int().min(0).max(10_000),
    setOn: isoDate,
  }),
);

/** How a lease's fee was computed: floor(rent × basisPoints / 10,000), then capped. */
export const feeAssessmentSchema = z.object({
  amountFen: fen,
  basisPoints: z.number().int().min(0).max(10_000),
  capFen: fen,
  scheduleEffectiveFrom: isoDate,
});
export type FeeAssessment = z.infer<typeof feeAssessmentSchema>;

export const PAYMENT_METHODS = ['cash', 'transfer'] as const;
export const WAIVER_BASES = ['registry-fact', 'case-fact'] as const;

export const FeeInvoiced = defineEvent(
  'brokerage.fee-invoiced',
  1,
  z.object({
    invoiceId: z.string(),
    stationId: z.string(),
    leaseId: z.string(),
    residentId: z.string(),
    amountFen: positiveFen,
    issuedOn: isoDate,
    reason: z.enum(['lease-signed', 'lease-renewed']),
  }),
);
export const FeePaymentRecorded = defineEvent(
  'brokerage.fee-payment-recorded',
  1,
  z.object({
    invoiceId: z.string(),
    paymentId: z.string(),
    amountFen: positiveFen,
    method: z.enum(PAYMENT_METHODS),
    /** The transfer's reference (bank, WeChat, Alipay); none for cash. */
    reference: z.string().optional(),
    paidOn: isoDate,
  }),
);
export const FeeRefunded = defineEvent(
  'brokerage.fee-refunded',
  1,
  z.object({
    invoiceId: z.string(),
    refundId: z.string(),
    amountFen: positiveFen,
    method: z.enum(PAYMENT_METHODS),
    reference: z.string().optional(),
    refundedOn: isoDate,
    reason: z.string(),
  }),
);
/** A hardship waiver (困难减免): it cites the registry or case fact it rests on and names the lead who approved it. */
export const FeeWaived = defineEvent(
  'brokerage.fee-waived',
  1,
  z.object({
    invoiceId: z.string(),
    residentId: z.string(),
    amountFen: positiveFen,
    waivedOn: isoDate,
    basis: z.object({ kind: z.enum(WAIVER_BASES), reference: z.string().min(1) }),
    /** A `ResidentNote` under the resident's key: why the household cannot pay. */
    justification: ciphertext,
    approvedBy: z.string(),
  }),
);
export const InvoiceVoided = defineEvent(
  'brokerage.invoice-voided',
  1,
  z.object({ invoiceId: z.string(), amountFen: positiveFen, voidedOn: isoDate, reason: z.string() }),
);

// ------------------------------------------------------------------------------------------------ leases

export const LeaseSigned = defineEvent(
  'brokerage.lease-signed',
  1,
  z.object({
    leaseId: z.string(),
    stationId: z.string(),
    listingId: z.string(),
    landlordId: z.string(),
    residentId: z.string(),
    requestId: z.string().optional(),
    /** The compound in clear, as the registry keeps it. */
    compound: z.string(),
    /** A `LeaseAddress` under the resident's key: where in the compound they now live. */
    address: ciphertext,
    signedOn: isoDate,
    startsOn: isoDate,
    endsOn: isoDate,
    monthlyRentFen: positiveFen,
    depositFen: fen,
    fee: feeAssessmentSchema,
  }),
);
export const LeaseRenewed = defineEvent(
  'brokerage.lease-renewed',
  1,
  z.object({
    leaseId: z.string(),
    residentId: z.string(),
    renewedOn: isoDate,
    previousEndsOn: isoDate,
    endsOn: isoDate,
    monthlyRentFen: positiveFen,
    fee: feeAssessmentSchema,
  }),
);
export const LeaseEnded = defineEvent(
  'brokerage.lease-ended',
  1,
  z.object({
    leaseId: z.string(),
    residentId: z.string(),
    listingId: z.string(),
    endedOn: isoDate,
    reason: z.enum(['term-completed', 'early-termination']),
    depositReturnedFen: fen,
    depositWithheldFen: fen,
    withholdingReason: z.string().optional(),
  }),
);

// ------------------------------------------------------------------------------------------------ ledger

export const LEDGER_ENTRY_KINDS = [
  'fee-invoiced',
  'fee-paid',
  'fee-refunded',
  'fee-waived',
  'invoice-voided',
  'grant-claimed',
  'grant-received',
  'expense',
  'reversal',
  'closing',
  'surplus-allocation',
] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

export const EXPENSE_CATEGORIES = ['premises', 'staff', 'supplies', 'utilities', 'activities', 'other'] as const;

export const ledgerLineSchema = z.object({
  account: z.enum(LEDGER_ACCOUNT_IDS),
  side: z.enum(['debit', 'credit']),
  amountFen: positiveFen,
});
export type LedgerLine = z.infer<typeof ledgerLineSchema>;

/** One balanced journal entry (记账凭证) of a station's ledger; never changed, only reversed by another. */
export const LedgerEntryPosted = defineEvent(
  'brokerage.ledger-entry-posted',
  1,
  z.object({
    entryId: z.string(),
    stationId: z.string(),
    kind: z.enum(LEDGER_ENTRY_KINDS),
    /** The business date of what the entry records. */
    date: isoDate,
    /** The month it is booked in: the month of `date`, or the first open month when that one is closed. */
    period: month,
    lines: z.array(ledgerLineSchema).min(2),
    memo: z.string(),
    /** The document the entry records (an invoice, a service contract), when it is not the ledger's own. */
    source: z.object({ type: z.enum(['invoice', 'service-contract']), id: z.string() }).optional(),
    /** The entry this one reverses. */
    reverses: z.string().optional(),
  }),
);

/** A month closed (月结): nominal accounts closed into net assets, the surplus allocated to the welfare fund. */
export const LedgerMonthClosed = defineEvent(
  'brokerage.ledger-month-closed',
  1,
  z.object({
    stationId: z.string(),
    period: month,
    /** Revenue net of refunds and waivers; negative when refunds exceed the month's fees. */
    revenueFen: z.number().int(),
    expensesFen: z.number().int(),
    surplusFen: z.number().int(),
    /** Earlier deficits made good from this month's surplus before anything is allocated. */
    deficitCoveredFen: fen,
    deficitCarriedFen: fen,
    allocatedFen: fen,
    closingEntryId: z.string().nullable(),
    allocation: z.object({ allocationId: z.string(), entryId: z.string() }).nullable(),
    closedOn: isoDate,
  }),
);

/**
 * A station's monthly surplus allocated to the council's welfare fund (公益基金). Consumed by volunteering, whose aid
 * fund is credited by it; `allocationId` is what an aid payment traces back to.
 */
export const SurplusAllocated = defineEvent(
  'brokerage.surplus-allocated',
  1,
  z.object({
    allocationId: z.string(),
    stationId: z.string(),
    /** The month closed, as YYYY-MM. */
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    amountFen: fen,
    /** The ledger entry that moved the amount to the restricted welfare fund account. */
    ledgerEntryId: z.string(),
  }),
);

// ------------------------------------------------------------------- government-purchased services

export const ServiceContractSigned = defineEvent(
  'brokerage.service-contract-signed',
  1,
  z.object({
    contractId: z.string(),
    stationId: z.string(),
    /** e.g. `child-day-care` (子女代管). */
    service: z.string(),
    /** The purchasing authority, e.g. the district's civil-affairs bureau. */
    purchaser: z.string(),
    /** What one unit is, e.g. `child-day` (one child attended for one day). */
    unit: z.string(),
    unitPriceFen: positiveFen,
    startsOn: isoDate,
    endsOn: isoDate,
    reference: z.string(),
  }),
);
/** Units delivered on one day (for day-care: the children who attended); a correction carries the earlier count. */
export const ServiceUnitsDelivered = defineEvent(
  'brokerage.service-units-delivered',
  1,
  z.object({
    contractId: z.string(),
    deliveredOn: isoDate,
    units: z.number().int().nonnegative(),
    previousUnits: z.number().int().nonnegative().optional(),
    correctionReason: z.string().optional(),
  }),
);
export const ServiceClaimSubmitted = defineEvent(
  'brokerage.service-claim-submitted',
  1,
  z.object({
    contractId: z.string(),
    claimId: z.string(),
    period: month,
    units: z.number().int().positive(),
    amountFen: positiveFen,
    submittedOn: isoDate,
  }),
);
/** The grant paid on a claim; on the final payment whatever the district did not pay is written off. */
export const GrantReceived = defineEvent(
  'brokerage.grant-received',
  1,
  z.object({
    contractId: z.string(),
    claimId: z.string(),
    amountFen: fen,
    receivedOn: isoDate,
    reference: z.string(),
    shortfallWrittenOffFen: fen,
  }),
);

/** Every brokerage event at its current schema version. */
export const brokerageEventContracts = [
  LandlordRegistered,
  LandlordContactChanged,
  LandlordPersonalDataErased,
  ListingCreated,
  ListingPublished,
  ListingPriceChanged,
  ListingWithdrawn,
  ListingLet,
  ListingVacated,
  HousingRequested,
  HousingRequestRevised,
  ViewingScheduled,
  ViewingOutcomeRecorded,
  HousingRequestClosed,
  HousingFileErased,
  FeeScheduleSet,
  FeeInvoiced,
  FeePaymentRecorded,
  FeeRefunded,
  FeeWaived,
  InvoiceVoided,
  LeaseSigned,
  LeaseRenewed,
  LeaseEnded,
  LedgerEntryPosted,
  LedgerMonthClosed,
  SurplusAllocated,
  ServiceContractSigned,
  ServiceUnitsDelivered,
  ServiceClaimSubmitted,
  GrantReceived,
] as const;

/** Every brokerage event is at its first schema version: nothing to lift yet, but the log's readers merge this set. */
export const brokerageUpcasters = new Upcasters([...brokerageEventContracts], []);

type BrokerageDataOf<C> = C extends EventContract<infer _T, infer S> ? z.infer<S> : never;
type BrokerageEventOf<C> = C extends EventContract<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

/** The brokerage's events as a discriminated union of `{ type, data }`. */
export type BrokerageEvent = BrokerageEventOf<(typeof brokerageEventContracts)[number]>;
export type BrokerageEventType = BrokerageEvent['type'];
export type BrokerageEventEnvelope = EventEnvelope<BrokerageEventType> & BrokerageEvent;

export type SurplusAllocatedData = BrokerageDataOf<typeof SurplusAllocated>;
export type LeaseSignedData = BrokerageDataOf<typeof LeaseSigned>;
export type ListingCreatedData = BrokerageDataOf<typeof ListingCreated>;
export type HousingRequestedData = BrokerageDataOf<typeof HousingRequested>;
export type LedgerEntryPostedData = BrokerageDataOf<typeof LedgerEntryPosted>;
export type LedgerMonthClosedData = BrokerageDataOf<typeof LedgerMonthClosed>;
export type FeeScheduleSetData = BrokerageDataOf<typeof FeeScheduleSet>;
export type ServiceContractSignedData = BrokerageDataOf<typeof ServiceContractSigned>;

/** Stream ids: one helper per aggregate (DESIGN §2). A station is the tenant, except for a center's fee schedule. */
export const brokerageStreams = {
  landlord: (stationId: string, landlordId: string) => `landlord-${stationId}-${landlordId}`,
  listing: (stationId: string, listingId: string) => `listing-${stationId}-${listingId}`,
  /** A resident's housing file at a station: their requests and viewings, one open request at a time. */
  housingFile: (stationId: string, residentId: string) => `housing-${stationId}-${residentId}`,
  lease: (stationId: string, leaseId: string) => `lease-${stationId}-${leaseId}`,
  invoice: (stationId: string, invoiceId: string) => `invoice-${stationId}-${invoiceId}`,
  feeSchedule: (centerId: string) => `feeschedule-${centerId}-current`,
  /** The station's general ledger (总账): one stream, so every posting sees the closed months. */
  ledger: (stationId: string) => `stationledger-${stationId}-general`,
  serviceContract: (stationId: string, contractId: string) => `servicecontract-${stationId}-${contractId}`,
  surplus: (stationId: string, allocationId: string) => `surplus-${stationId}-${allocationId}`,
} as const;

export const BROKERAGE_CATEGORIES = [
  'landlord',
  'listing',
  'housing',
  'lease',
  'invoice',
  'feeschedule',
  'stationledger',
  'servicecontract',
  'surplus',
] as const;
