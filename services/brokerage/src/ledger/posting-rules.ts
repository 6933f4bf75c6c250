import {
  FeeInvoiced,
  FeePaymentRecorded,
  FeeRefunded,
  FeeWaived,
  GrantReceived,
  InvoiceVoided,
  LedgerLine,
  ServiceClaimSubmitted,
} from '@kinship/contracts';
import { deterministicUuid } from '@kinship/eventsourcing';
import { debitCredit, PostEntry } from './ledger.decider';

/**
 * How each money event of the brokerage is booked (记账规则), on the accrual basis: a fee is revenue when it is
 * invoiced and a receivable until it is paid, waived or voided; a claim on a government contract is revenue when
 * submitted and a receivable until the grant arrives. Cash in hand and transfers land in separate accounts.
 */

export type Posting = PostEntry['data'];

/** The event a posting records: enough of its envelope to book it and to name the entry after it. */
export interface PostedEvent {
  id: string;
  type: string;
  tenantId: string;
  data: unknown;
}

/** The id of the entry that books an event: derived from the event, so a redelivery books nothing new. */
export function ledgerEntryIdOf(eventId: string): string {
  return deterministicUuid(eventId, 'brokerage.ledger-entry');
}

/** The types that `postingFor` books; every other event books nothing. */
export const POSTED_EVENT_TYPES = [
  FeeInvoiced.type,
  FeePaymentRecorded.type,
  FeeRefunded.type,
  FeeWaived.type,
  InvoiceVoided.type,
  ServiceClaimSubmitted.type,
  GrantReceived.type,
] as const;

/**
 * The entry that books `event`, or null when it moves no money. A void reverses the entry of the invoice it voids:
 * `invoiceEntryId` names it (the reaction finds it from the invoice's first event).
 */
export function postingFor(event: PostedEvent, refs: { invoiceEntryId?: string } = {}): Posting | null {
  const common = { entryId: ledgerEntryIdOf(event.id), stationId: event.tenantId };
  switch (event.type) {
    case FeeInvoiced.type: {
      const data = FeeInvoiced.schema.parse(event.data);
      return {
        ...common,
        kind: 'fee-invoiced',
        date: data.issuedOn,
        lines: debitCredit('fee-receivable', 'fee-revenue', data.amountFen),
        memo: `Brokerage fee invoiced for lease ${data.leaseId}`,
        source: { type: 'invoice', id: data.invoiceId },
      };
    }
    case FeePaymentRecorded.type: {
      const data = FeePaymentRecorded.schema.parse(event.data);
      return {
        ...common,
        kind: 'fee-paid',
        date: data.paidOn,
        lines: debitCredit(data.method === 'cash' ? 'cash' : 'bank', 'fee-receivable', data.amountFen),
        memo: `Fee paid${data.reference ? ` (${data.reference})` : ' in cash'}`,
        source: { type: 'invoice', id: data.invoiceId },
      };
    }
    case FeeRefunded.type: {
      const data = FeeRefunded.schema.parse(event.data);
      return {
        ...common,
        kind: 'fee-refunded',
        date: data.refundedOn,
        lines: debitCredit('fee-refunds', data.method === 'cash' ? 'cash' : 'bank', data.amountFen),
        memo: `Fee refunded: ${data.reason}`,
        source: { type: 'invoice', id: data.invoiceId },
      };
    }
    case FeeWaived.type: {
      const data = FeeWaived.schema.parse(event.data);
      return {
        ...common,
        kind: 'fee-waived',
        date: data.waivedOn,
        lines: debitCredit('fee-waivers', 'fee-receivable', data.amountFen),
        memo: `Hardship waiver approved by ${data.approvedBy} (${data.basis.kind} ${data.basis.reference})`,
        source: { type: 'invoice', id: data.invoiceId },
      };
    }
    case InvoiceVoided.type: {
      const data = InvoiceVoided.schema.parse(event.data);
      return {
        ...common,
        kind: 'invoice-voided',
        date: data.voidedOn,
        lines: debitCredit('fee-revenue', 'fee-receivable', data.amountFen),
        memo: `Invoice voided: ${data.reason}`,
        source: { type: 'invoice', id: data.invoiceId },
        ...(refs.invoiceEntryId ? { reverses: refs.invoiceEntryId } : {}),
      };
    }
    case ServiceClaimSubmitted.type: {
      const data = ServiceClaimSubmitted.schema.parse(event.data);
      return {
        ...common,
        kind: 'grant-claimed',
        date: data.submittedOn,
        lines: debitCredit('grant-receivable', 'grant-revenue', data.amountFen),
        memo: `Claim for ${data.period}: ${data.units} units`,
        source: { type: 'service-contract', id: data.contractId },
      };
    }
    case GrantReceived.type: {
      const data = GrantReceived.schema.parse(event.data);
      const lines: LedgerLine[] = [];
      if (data.amountFen > 0) lines.push(...debitCredit('bank', 'grant-receivable', data.amountFen));
      // What the district will not pay was revenue booked on the claim: it comes off that revenue.
      if (data.shortfallWrittenOffFen > 0) lines.push(...debitCredit('grant-revenue', 'grant-receivable', data.shortfallWrittenOffFen));
      return {
        ...common,
        kind: 'grant-received',
        date: data.receivedOn,
        lines,
        memo: `Grant received on claim ${data.claimId} (${data.reference})`,
        source: { type: 'service-contract', id: data.contractId },
      };
    }
    default:
      return null;
  }
}
