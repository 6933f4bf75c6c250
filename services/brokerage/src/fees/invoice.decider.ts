import { BrokerageEvent, PAYMENT_METHODS, WAIVER_BASES } from '@kinship/contracts';
import { assertNever, Decider, DomainError } from '@kinship/eventsourcing';
import { IsoDate } from '../domain/calendar';
import { Command, definedOnly, notBefore, pastDate, requireFen, requireText, todayOf } from '../domain/rules';

/**
 * The invoice (收费单) of one brokerage fee: issued when a lease is signed or renewed for a fee, then paid (in
 * part or whole, cash or transfer), refunded, waived for hardship, or voided when issued in error. Stream
 * `invoice-<stationId>-<invoiceId>`.
 */

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export type IssueInvoice = Command<
  'IssueInvoice',
  { invoiceId: string; stationId: string; leaseId: string; residentId: string; amountFen: number; issuedOn: IsoDate; reason: 'lease-signed' | 'lease-renewed' }
>;
export type RecordPayment = Command<
  'RecordPayment',
  { invoiceId: string; paymentId: string; amountFen: number; method: PaymentMethod; reference?: string; paidOn?: IsoDate }
>;
export type RefundFee = Command<
  'RefundFee',
  { invoiceId: string; refundId: string; amountFen: number; method: PaymentMethod; reference?: string; refundedOn?: IsoDate; reason: string }
>;
/** The approver is the actor of the command: a station lead. */
export type WaiveFee = Command<
  'WaiveFee',
  {
    invoiceId: string;
    amountFen?: number;
    waivedOn?: IsoDate;
    basis: { kind: (typeof WAIVER_BASES)[number]; reference: string };
    /** Ciphertext under the resident's key. */
    justification: string;
  }
>;
export type VoidInvoice = Command<'VoidInvoice', { invoiceId: string; reason: string; voidedOn?: IsoDate }>;
export type InvoiceCommand = IssueInvoice | RecordPayment | RefundFee | WaiveFee | VoidInvoice;

export type InvoiceEvent = Extract<
  BrokerageEvent,
  {
    type:
      | 'brokerage.fee-invoiced'
      | 'brokerage.fee-payment-recorded'
      | 'brokerage.fee-refunded'
      | 'brokerage.fee-waived'
      | 'brokerage.invoice-voided';
  }
>;

export interface InvoiceRecord {
  invoiceId: string;
  stationId: string;
  leaseId: string;
  residentId: string;
  amountFen: number;
  issuedOn: IsoDate;
  paidFen: number;
  refundedFen: number;
  waivedFen: number;
  voided: boolean;
  paymentIds: string[];
  refundIds: string[];
}

export type InvoiceState = { status: 'none' } | { status: 'issued'; invoice: InvoiceRecord };

export const invoiceDecider: Decider<InvoiceCommand, InvoiceState, InvoiceEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

/** What is still owed: the fee less what was paid and waived (a refund gives money back, it does not reopen the fee). */
export function outstandingFen(invoice: InvoiceRecord): number {
  return invoice.voided ? 0 : invoice.amountFen - invoice.paidFen - invoice.waivedFen;
}

function decide(command: InvoiceCommand, state: InvoiceState): InvoiceEvent[] {
  const today = todayOf(command.metadata);
  if (command.type === 'IssueInvoice') return issue(command.data, state, today);
  const invoice = requireInvoice(state);
  switch (command.type) {
    case 'RecordPayment': {
      if (invoice.paymentIds.includes(command.data.paymentId)) throw duplicate('payment', command.data.paymentId);
      const amountFen = requireSettlement(invoice, command.data.amountFen, 'payment');
      const reference = referenceFor(command.data.method, command.data.reference);
      const paidOn = notBefore(pastDate(command.data.paidOn, 'paidOn', today), invoice.issuedOn, 'paidOn', 'the invoice');
      const { invoiceId, paymentId, method } = command.data;
      return [{ type: 'brokerage.fee-payment-recorded', data: definedOnly({ invoiceId, paymentId, amountFen, method, reference, paidOn }) }];
    }
    case 'RefundFee':
      return refund(command.data, invoice, today);
    case 'WaiveFee': {
      if (command.metadata.actor.role !== 'station-lead') {
        throw new DomainError('waiver-needs-lead-approval', "A hardship waiver is approved by the station's lead", 422);
      }
      const amountFen = requireSettlement(invoice, command.data.amountFen ?? outstandingFen(invoice), 'waiver');
      const reference = requireText(command.data.basis.reference, 'basis.reference', 'waiver-basis-required');
      const waivedOn = notBefore(pastDate(command.data.waivedOn, 'waivedOn', today), invoice.issuedOn, 'waivedOn', 'the invoice');
      return [
        {
          type: 'brokerage.fee-waived',
          data: {
            invoiceId: invoice.invoiceId,
            residentId: invoice.residentId,
            amountFen,
            waivedOn,
            basis: { kind: command.data.basis.kind, reference },
            justification: command.data.justification,
            approvedBy: command.metadata.actor.userId,
          },
        },
      ];
    }
    case 'VoidInvoice': {
      if (invoice.voided) throw voided(invoice);
      if (invoice.paidFen > 0 || invoice.waivedFen > 0) {
        throw new DomainError('invoice-has-settlements', 'An invoice paid or waived in part is corrected by a refund, not voided', 409, {
          paidFen: invoice.paidFen,
          waivedFen: invoice.waivedFen,
        });
      }
      const reason = requireText(command.data.reason, 'reason');
      const voidedOn = notBefore(pastDate(command.data.voidedOn, 'voidedOn', today), invoice.issuedOn, 'voidedOn', 'the invoice');
      return [{ type: 'brokerage.invoice-voided', data: { invoiceId: invoice.invoiceId, amountFen: invoice.amountFen, voidedOn, reason } }];
    }
    default:
      return assertNever(command);
  }
}

function issue(data: IssueInvoice['data'], state: InvoiceState, today: IsoDate): InvoiceEvent[] {
  if (state.status === 'issued') {
    // The invoicing reaction delivered twice: the invoice of that lease is already there.
    if (state.invoice.leaseId === data.leaseId && state.invoice.amountFen === data.amountFen) return [];
    throw new DomainError('invoice-already-exists', 'An invoice with this id already exists', 409, { invoiceId: data.invoiceId });
  }
  requireFen(data.amountFen, 'amountFen');
  return [{ type: 'brokerage.fee-invoiced', data: { ...data, issuedOn: pastDate(data.issuedOn, 'issuedOn', today) } }];
}

function refund(data: RefundFee['data'], invoice: InvoiceRecord, today: IsoDate): InvoiceEvent[] {
  if (invoice.refundIds.includes(data.refundId)) throw duplicate('refund', data.refundId);
  const refundable = invoice.paidFen - invoice.refundedFen;
  if (refundable === 0) throw new DomainError('nothing-to-refund', 'Nothing paid on this invoice is left to refund', 409, { paidFen: invoice.paidFen });
  const amountFen = requireFen(data.amountFen, 'amountFen');
  if (amountFen > refundable) {
    throw new DomainError('refund-exceeds-paid', 'A refund gives back at most what was paid and not yet refunded', 422, { refundableFen: refundable, amountFen });
  }
  const reason = requireText(data.reason, 'reason');
  const reference = referenceFor(data.method, data.reference);
  const refundedOn = notBefore(pastDate(data.refundedOn, 'refundedOn', today), invoice.issuedOn, 'refundedOn', 'the invoice');
  const { invoiceId, refundId, method } = data;
  return [{ type: 'brokerage.fee-refunded', data: definedOnly({ invoiceId, refundId, amountFen, method, reference, refundedOn, reason }) }];
}

function requireSettlement(invoice: InvoiceRecord, amount: number, what: 'payment' | 'waiver'): number {
  if (invoice.voided) throw voided(invoice);
  const outstanding = outstandingFen(invoice);
  if (outstanding === 0) throw new DomainError('invoice-settled', 'Nothing is owed on this invoice', 409, { amountFen: invoice.amountFen });
  const amountFen = requireFen(amount, 'amountFen');
  if (amountFen > outstanding) {
    throw new DomainError(`${what}-exceeds-outstanding`, `The ${what} is more than is owed`, 422, { outstandingFen: outstanding, amountFen });
  }
  return amountFen;
}

function referenceFor(method: PaymentMethod, reference: string | undefined): string | undefined {
  if (method === 'cash') return reference?.trim() || undefined;
  return requireText(reference, 'reference', 'payment-reference-required');
}

function requireInvoice(state: InvoiceState): InvoiceRecord {
  if (state.status === 'none') throw new DomainError('invoice-not-found', 'No invoice with this id at the station', 404);
  return state.invoice;
}

function voided(invoice: InvoiceRecord): DomainError {
  return new DomainError('invoice-voided', 'The invoice was voided', 409, { invoiceId: invoice.invoiceId });
}

function duplicate(what: string, id: string): DomainError {
  return new DomainError(`${what}-already-recorded`, `A ${what} with this id is already recorded`, 409, { id });
}

function evolve(state: InvoiceState, event: InvoiceEvent): InvoiceState {
  if (event.type === 'brokerage.fee-invoiced') {
    const { reason: _reason, ...issued } = event.data;
    return { status: 'issued', invoice: { ...issued, paidFen: 0, refundedFen: 0, waivedFen: 0, voided: false, paymentIds: [], refundIds: [] } };
  }
  if (state.status === 'none') return state;
  const invoice = state.invoice;
  switch (event.type) {
    case 'brokerage.fee-payment-recorded':
      return { status: 'issued', invoice: { ...invoice, paidFen: invoice.paidFen + event.data.amountFen, paymentIds: [...invoice.paymentIds, event.data.paymentId] } };
    case 'brokerage.fee-refunded':
      return { status: 'issued', invoice: { ...invoice, refundedFen: invoice.refundedFen + event.data.amountFen, refundIds: [...invoice.refundIds, event.data.refundId] } };
    case 'brokerage.fee-waived':
      return { status: 'issued', invoice: { ...invoice, waivedFen: invoice.waivedFen + event.data.amountFen } };
    case 'brokerage.invoice-voided':
      return { status: 'issued', invoice: { ...invoice, voided: true } };
    default:
      return assertNever(event);
  }
}
