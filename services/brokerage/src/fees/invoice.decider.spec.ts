import { deciderSpec } from '@kinship/testing';
import { leadMetadata, metadata, specOptions, STATION, TODAY } from '../testing/decider-fixtures';
import { InvoiceCommand, invoiceDecider, InvoiceEvent, outstandingFen } from './invoice.decider';

const spec = deciderSpec(invoiceDecider, specOptions);
const invoiceId = 'invoice-1';
const issue = { invoiceId, stationId: STATION, leaseId: 'lease-1', residentId: 'resident-1', amountFen: 36_000, issuedOn: '2026-05-15', reason: 'lease-signed' as const };
const issued: InvoiceEvent = { type: 'brokerage.fee-invoiced', data: issue };
const paid = (amountFen: number, paymentId = 'payment-1'): Extract<InvoiceEvent, { type: 'brokerage.fee-payment-recorded' }> => ({
  type: 'brokerage.fee-payment-recorded',
  data: { invoiceId, paymentId, amountFen, method: 'cash', paidOn: '2026-05-16' },
});
const waived = (amountFen: number): InvoiceEvent => ({
  type: 'brokerage.fee-waived',
  data: { invoiceId, residentId: 'resident-1', amountFen, waivedOn: TODAY, basis: { kind: 'case-fact', reference: 'case-7' }, justification: 'v1.why', approvedBy: 'lead-1' },
});
const voided: InvoiceEvent = { type: 'brokerage.invoice-voided', data: { invoiceId, amountFen: 36_000, voidedOn: TODAY, reason: 'wrong lease' } };

type Data<T extends InvoiceCommand['type']> = Omit<Extract<InvoiceCommand, { type: T }>['data'], 'invoiceId'>;
const command = <T extends InvoiceCommand['type']>(type: T, data: Data<T>, meta = metadata()) =>
  ({ type, data: { invoiceId, ...data }, metadata: meta }) as unknown as Extract<InvoiceCommand, { type: T }>;
const pay = (data: Partial<Data<'RecordPayment'>> = {}) => command('RecordPayment', { paymentId: 'payment-1', amountFen: 36_000, method: 'cash', ...data });
const refund = (data: Partial<Data<'RefundFee'>> = {}) => command('RefundFee', { refundId: 'refund-1', amountFen: 10_000, method: 'cash', reason: 'withdrew', ...data });
const waive = (data: Partial<Data<'WaiveFee'>> = {}, meta = leadMetadata()) =>
  command('WaiveFee', { basis: { kind: 'case-fact', reference: 'case-7' }, justification: 'v1.why', ...data }, meta);

describe('an invoice', () => {
  describe('when issued', () => {
    it('records the fee owed', () => {
      spec.given([]).when(command('IssueInvoice', issue)).then([issued]);
    });

    it('takes the same lease invoiced again as done, and refuses another under the same id', () => {
      spec.given([issued]).when(command('IssueInvoice', issue)).then([]);
      spec.given([issued]).when(command('IssueInvoice', { ...issue, leaseId: 'lease-2' })).thenRejects('invoice-already-exists', { status: 409 });
    });

    it('rejects a fee of nothing', () => {
      spec.given([]).when(command('IssueInvoice', { ...issue, amountFen: 0 })).thenRejects('invalid-amount');
    });
  });

  describe('when paid', () => {
    it('records a payment in cash, today unless told', () => {
      spec.given([issued]).when(pay({ amountFen: 20_000 })).then([{ ...paid(20_000), data: { ...paid(20_000).data, paidOn: TODAY } }]);
    });

    it('records a transfer with its reference', () => {
      spec.given([issued]).when(pay({ method: 'transfer', reference: 'WX-1', paidOn: '2026-05-16' })).then([
        { type: 'brokerage.fee-payment-recorded', data: { invoiceId, paymentId: 'payment-1', amountFen: 36_000, method: 'transfer', reference: 'WX-1', paidOn: '2026-05-16' } },
      ]);
    });

    it('rejects a transfer without its reference', () => {
      spec.given([issued]).when(pay({ method: 'transfer' })).thenRejects('payment-reference-required');
    });

    it('rejects paying more than is owed, paying a settled invoice and a voided one', () => {
      spec.given([issued, paid(20_000)]).when(pay({ paymentId: 'payment-2', amountFen: 16_001 })).thenRejects('payment-exceeds-outstanding', { details: { outstandingFen: 16_000 } });
      spec.given([issued, paid(36_000)]).when(pay({ paymentId: 'payment-2', amountFen: 1 })).thenRejects('invoice-settled', { status: 409 });
      spec.given([issued, voided]).when(pay()).thenRejects('invoice-voided', { status: 409 });
    });

    it('rejects a payment before the invoice, the same payment twice and an unknown invoice', () => {
      spec.given([issued]).when(pay({ paidOn: '2026-05-14' })).thenRejects('date-too-early');
      spec.given([issued, paid(1_000)]).when(pay({ amountFen: 1_000 })).thenRejects('payment-already-recorded');
      spec.given([]).when(pay()).thenRejects('invoice-not-found', { status: 404 });
    });
  });

  describe('when refunded', () => {
    it('gives back part of what was paid', () => {
      spec.given([issued, paid(36_000)]).when(refund()).then([
        { type: 'brokerage.fee-refunded', data: { invoiceId, refundId: 'refund-1', amountFen: 10_000, method: 'cash', refundedOn: TODAY, reason: 'withdrew' } },
      ]);
    });

    it('rejects refunding more than was paid, when nothing was paid, and without a reason', () => {
      spec.given([issued, paid(5_000)]).when(refund({ amountFen: 5_001 })).thenRejects('refund-exceeds-paid', { details: { refundableFen: 5_000 } });
      spec.given([issued]).when(refund()).thenRejects('nothing-to-refund', { status: 409 });
      spec.given([issued, paid(36_000)]).when(refund({ reason: '' })).thenRejects('reason-required');
    });
  });

  describe('when waived for hardship', () => {
    it('waives what is still owed, citing the fact and naming the lead who approved it', () => {
      const state = spec.given([issued, paid(6_000)]).when(waive()).then([waived(30_000)]);
      expect(state.status === 'issued' && outstandingFen(state.invoice)).toBe(0);
    });

    it('rejects a waiver sent by anyone but the station lead', () => {
      spec.given([issued]).when(waive({}, metadata())).thenRejects('waiver-needs-lead-approval');
    });

    it('rejects a waiver citing nothing, one beyond what is owed, and one of a settled invoice', () => {
      spec.given([issued]).when(waive({ basis: { kind: 'registry-fact', reference: ' ' } })).thenRejects('waiver-basis-required');
      spec.given([issued]).when(waive({ amountFen: 36_001 })).thenRejects('waiver-exceeds-outstanding');
      spec.given([issued, paid(36_000)]).when(waive()).thenRejects('invoice-settled');
    });
  });

  describe('when voided', () => {
    it('cancels an invoice issued in error', () => {
      spec.given([issued]).when(command('VoidInvoice', { reason: 'wrong lease' })).then([voided]);
    });

    it('rejects voiding an invoice paid or waived in part, voiding twice and voiding without a reason', () => {
      spec.given([issued, paid(1)]).when(command('VoidInvoice', { reason: 'x' })).thenRejects('invoice-has-settlements', { status: 409 });
      spec.given([issued, waived(1)]).when(command('VoidInvoice', { reason: 'x' })).thenRejects('invoice-has-settlements');
      spec.given([issued, voided]).when(command('VoidInvoice', { reason: 'x' })).thenRejects('invoice-voided');
      spec.given([issued]).when(command('VoidInvoice', { reason: '' })).thenRejects('reason-required');
    });
  });
});
