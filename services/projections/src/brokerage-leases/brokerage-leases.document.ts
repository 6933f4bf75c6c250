import { SourcedDocument } from '../projection/projection';

export const LEASES = 'leases';
export const INVOICES = 'invoices';

export const LEASE_STATUSES = ['active', 'ended'] as const;
export type LeaseStatus = (typeof LEASE_STATUSES)[number];

export type LeaseDocument = SourcedDocument & {
  leaseId: string;
  stationId: string;
  centerId: string | null;
  listingId: string;
  landlordId: string;
  residentId: string;
  requestId: string | null;
  compound: string;
  /** The address within the compound, ciphertext under the resident's key; null once they were erased. */
  address: string | null;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  monthlyRentFen: number;
  depositFen: number;
  renewals: number;
  /** The fee of the signing and of each renewal, in fen. */
  feesFen: number[];
  status: LeaseStatus;
  endedOn: string | null;
  endReason: 'term-completed' | 'early-termination' | null;
  depositReturnedFen: number | null;
  depositWithheldFen: number | null;
  position: number;
};

export const INVOICE_STATUSES = ['open', 'part-paid', 'paid', 'waived', 'voided'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export type InvoiceDocument = SourcedDocument & {
  invoiceId: string;
  stationId: string;
  centerId: string | null;
  leaseId: string;
  residentId: string;
  reason: 'lease-signed' | 'lease-renewed';
  amountFen: number;
  issuedOn: string;
  paidFen: number;
  refundedFen: number;
  waivedFen: number;
  outstandingFen: number;
  status: InvoiceStatus;
  voidedOn: string | null;
  payments: Array<{ paymentId: string; amountFen: number; method: 'cash' | 'transfer'; reference: string | null; paidOn: string }>;
  refunds: Array<{ refundId: string; amountFen: number; method: 'cash' | 'transfer'; reference: string | null; refundedOn: string; reason: string }>;
  /** The justification stays ciphertext under the resident's key; null once they were erased. */
  waivers: Array<{ amountFen: number; waivedOn: string; basis: { kind: string; reference: string }; approvedBy: string; justification: string | null }>;
  position: number;
};
