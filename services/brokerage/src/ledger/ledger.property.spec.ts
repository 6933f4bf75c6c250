import { LEDGER_ACCOUNT_IDS, LedgerAccountId, LedgerEntryPostedData, LedgerMonthClosedData } from '@kinship/contracts';
import { CommandMetadata, Decider, DomainError, uuidv7 } from '@kinship/eventsourcing';
import fc from 'fast-check';
import { addMonths, monthOf, stationDate } from '../domain/calendar';
import { InvoiceCommand, invoiceDecider, InvoiceEvent, InvoiceState, outstandingFen } from '../fees/invoice.decider';
import { claimOutstandingFen, ServiceContractCommand, serviceContractDecider, ServiceContractEvent, ServiceContractState } from '../service-contracts/service-contract.decider';
import { STATION } from '../testing/decider-fixtures';
import { LedgerCommand, ledgerDecider, LedgerState } from './ledger.decider';
import { ledgerEntryIdOf, postingFor } from './posting-rules';

/**
 * The ledger over random sequences of what a station does in a year: fees invoiced, paid, refunded, waived and
 * voided, expenses recorded and reversed, day-care delivered, claimed and paid, months closed. Whatever the order,
 * every entry balances and the books agree with the documents they record.
 */

type Op =
  | { kind: 'issue'; amountFen: number }
  | { kind: 'pay' | 'refund' | 'waive'; invoice: number; share: number; cash: boolean; daysAgo: number }
  | { kind: 'void'; invoice: number }
  | { kind: 'expense'; amountFen: number; cash: boolean; daysAgo: number }
  | { kind: 'reverse'; expense: number }
  | { kind: 'deliver'; units: number }
  | { kind: 'claim' }
  | { kind: 'receive'; claim: number; share: number; final: boolean }
  | { kind: 'wait'; days: number }
  | { kind: 'close' };

/** Which earlier invoice, expense or claim an operation acts on, taken modulo how many there are. */
const index = fc.nat({ max: 1_000 });
const share = fc.integer({ min: 1, max: 100 });
/** Money is often recorded days after it moved, sometimes in a month already closed. */
const daysAgo = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 45 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('issue' as const), amountFen: fc.integer({ min: 1, max: 5_000_000 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('pay' as const, 'refund' as const, 'waive' as const), invoice: index, share, cash: fc.boolean(), daysAgo }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), invoice: index }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('expense' as const), amountFen: fc.integer({ min: 1, max: 3_000_000 }), cash: fc.boolean(), daysAgo }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), expense: index }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), units: fc.integer({ min: 0, max: 60 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('claim' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('receive' as const), claim: index, share, final: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('close' as const) }) },
);

function pick<T>(items: readonly T[], at: number): T | undefined {
  return items.length === 0 ? undefined : items[at % items.length];
}

/** A station's books and documents, driven only through the deciders and the posting rules. */
class Station {
  now = Date.parse('2026-01-05T02:00:00.000Z');
  invoices: Array<{ state: InvoiceState; issuedEventId: string }> = [];
  contract: ServiceContractState = serviceContractDecider.initialState();
  claims: string[] = [];
  expenses: string[] = [];
  ledger: LedgerState = ledgerDecider.initialState();
  entries: LedgerEntryPostedData[] = [];
  closes: LedgerMonthClosedData[] = [];
  /** Money in from payments and grants, out through refunds and expenses not reversed. */
  money = { cash: 0, bank: 0 };

  constructor() {
    const events = this.decide(serviceContractDecider, this.contract, {
      type: 'SignServiceContract',
      data: { contractId: 'contract-1', stationId: STATION, service: 'child-day-care', purchaser: 'district', unit: 'child-day', unitPriceFen: 3_000, startsOn: '2026-01-01', endsOn: '2027-12-31', reference: 'LX-1' },
    } as ServiceContractCommand);
    this.contract = this.applyContract(events ?? []);
  }

  get today(): string {
    return stationDate(new Date(this.now).toISOString());
  }

  daysBefore(days: number): string {
    return stationDate(new Date(this.now - days * 24 * 60 * 60 * 1000).toISOString());
  }

  run(step: Op): void {
    switch (step.kind) {
      case 'issue': {
        const invoiceId = `invoice-${this.invoices.length}`;
        const command = { type: 'IssueInvoice', data: { invoiceId, stationId: STATION, leaseId: `lease-${invoiceId}`, residentId: 'resident-1', amountFen: step.amountFen, issuedOn: this.today, reason: 'lease-signed' } } as InvoiceCommand;
        const events = this.decide(invoiceDecider, invoiceDecider.initialState(), command);
        if (!events) return;
        const ids = this.book(events);
        this.invoices.push({ state: events.reduce(invoiceDecider.evolve, invoiceDecider.initialState()), issuedEventId: ids[0] });
        return;
      }
      case 'pay':
      case 'refund':
      case 'waive':
        this.settle(step);
        return;
      case 'void':
        this.onInvoice(step.invoice, (invoiceId) => ({ type: 'VoidInvoice', data: { invoiceId, reason: 'error' } }));
        return;
      case 'expense': {
        const entryId = uuidv7();
        const paidFrom = step.cash ? 'cash' : 'bank';
        const command = { type: 'RecordExpense', data: { entryId, stationId: STATION, amountFen: step.amountFen, paidFrom, category: 'supplies', description: 'paper', spentOn: this.daysBefore(step.daysAgo) } } as LedgerCommand;
        if (this.ledgerDecides(command)) {
          this.expenses.push(entryId);
          this.money[paidFrom] -= step.amountFen;
        }
        return;
      }
      case 'reverse': {
        const original = this.entries.find((entry) => entry.entryId === pick(this.expenses, step.expense));
        if (!original) return;
        const command = { type: 'ReverseEntry', data: { entryId: uuidv7(), stationId: STATION, reversesEntryId: original.entryId, reason: 'twice' } } as LedgerCommand;
        if (this.ledgerDecides(command)) {
          const credited = original.lines.find((line) => line.side === 'credit');
          if (credited?.account === 'cash' || credited?.account === 'bank') this.money[credited.account] += credited.amountFen;
        }
        return;
      }
      case 'deliver':
        this.onContract({ type: 'RecordDelivery', data: { contractId: 'contract-1', deliveredOn: this.today, units: step.units } } as ServiceContractCommand);
        return;
      case 'claim': {
        const claimId = `claim-${this.claims.length}`;
        const period = addMonths(monthOf(this.today), -1);
        if (this.onContract({ type: 'SubmitClaim', data: { contractId: 'contract-1', claimId, period } } as ServiceContractCommand)) this.claims.push(claimId);
        return;
      }
      case 'receive': {
        const claimId = pick(this.claims, step.claim);
        if (!claimId || this.contract.status !== 'signed') return;
        const outstanding = claimOutstandingFen(this.contract.contract.claims[claimId]);
        const amountFen = Math.floor((outstanding * step.share) / 100);
        const received = this.onContract({ type: 'RecordGrantReceipt', data: { contractId: 'contract-1', claimId, amountFen, reference: 'CZ', final: step.final } } as ServiceContractCommand);
        if (received) this.money.bank += amountFen;
        return;
      }
      case 'wait':
        this.now += step.days * 24 * 60 * 60 * 1000;
        return;
      case 'close': {
        const period = this.ledger.lastClosed ? addMonths(this.ledger.lastClosed, 1) : (this.ledger.earliestPeriod ?? addMonths(monthOf(this.today), -1));
        const command = { type: 'CloseMonth', data: { stationId: STATION, period, closingEntryId: uuidv7(), allocationEntryId: uuidv7(), allocationId: uuidv7() } } as LedgerCommand;
        this.ledgerDecides(command);
        return;
      }
    }
  }

  private settle(step: Extract<Op, { kind: 'pay' | 'refund' | 'waive' }>): void {
    const invoice = pick(this.invoices, step.invoice)?.state;
    if (!invoice || invoice.status !== 'issued') return;
    const base = step.kind === 'refund' ? invoice.invoice.paidFen - invoice.invoice.refundedFen : outstandingFen(invoice.invoice);
    const amountFen = Math.max(1, Math.floor((base * step.share) / 100));
    const method = step.cash ? 'cash' : 'transfer';
    const account = step.cash ? 'cash' : 'bank';
    const on = this.daysBefore(step.daysAgo);
    const done = this.onInvoice(step.invoice, (invoiceId) => {
      if (step.kind === 'pay') return { type: 'RecordPayment', data: { invoiceId, paymentId: uuidv7(), amountFen, method, reference: 'REF', paidOn: on } };
      if (step.kind === 'refund') return { type: 'RefundFee', data: { invoiceId, refundId: uuidv7(), amountFen, method, reference: 'REF', reason: 'left', refundedOn: on } };
      return { type: 'WaiveFee', data: { invoiceId, basis: { kind: 'case-fact', reference: 'case-1' }, justification: 'v1.x', amountFen, waivedOn: on } };
    });
    if (done && step.kind === 'pay') this.money[account] += amountFen;
    if (done && step.kind === 'refund') this.money[account] -= amountFen;
  }

  private onInvoice(at: number, build: (invoiceId: string) => unknown): boolean {
    const invoice = pick(this.invoices, at);
    if (!invoice || invoice.state.status !== 'issued') return false;
    const events = this.decide(invoiceDecider, invoice.state, build(invoice.state.invoice.invoiceId) as InvoiceCommand);
    if (!events) return false;
    invoice.state = events.reduce(invoiceDecider.evolve, invoice.state);
    this.book(events, ledgerEntryIdOf(invoice.issuedEventId));
    return true;
  }

  private onContract(command: ServiceContractCommand): boolean {
    const events = this.decide(serviceContractDecider, this.contract, command);
    if (!events) return false;
    this.contract = this.applyContract(events);
    this.book(events);
    return true;
  }

  private applyContract(events: ServiceContractEvent[]): ServiceContractState {
    return events.reduce(serviceContractDecider.evolve, this.contract);
  }

  /** Books each document event through the posting rules, as the ledger-posting reaction does; returns their ids. */
  private book(events: Array<InvoiceEvent | ServiceContractEvent>, invoiceEntryId?: string): string[] {
    return events.map((event) => {
      const id = uuidv7();
      const posting = postingFor({ id, type: event.type, tenantId: STATION, data: event.data }, { invoiceEntryId });
      if (posting && !this.ledgerDecides({ type: 'PostEntry', data: posting } as LedgerCommand)) {
        throw new Error(`The ledger refused the posting of ${event.type}`);
      }
      return id;
    });
  }

  private ledgerDecides(command: Omit<LedgerCommand, 'metadata'>): boolean {
    const events = this.decide(ledgerDecider, this.ledger, command as LedgerCommand);
    if (!events) return false;
    for (const event of events) {
      if (event.type === 'brokerage.ledger-entry-posted') this.entries.push(event.data);
      else this.closes.push(event.data);
      this.ledger = ledgerDecider.evolve(this.ledger, event);
    }
    return true;
  }

  /** The decided events, or null when the decider refused (the station would have answered 4xx and written nothing). */
  private decide<C extends { metadata: CommandMetadata }, S, E>(decider: Decider<C, S, E>, state: S, command: Omit<C, 'metadata'>): E[] | null {
    const metadata = { now: new Date(this.now).toISOString(), actor: { userId: 'lead-1', role: 'station-lead' }, correlationId: 'c', tenantId: STATION };
    try {
      return decider.decide({ ...command, metadata } as C, state);
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }
}

/** Debits minus credits per account over every entry. */
function balances(entries: readonly LedgerEntryPostedData[]): Record<LedgerAccountId, number> {
  const result = Object.fromEntries(LEDGER_ACCOUNT_IDS.map((account) => [account, 0])) as Record<LedgerAccountId, number>;
  for (const entry of entries) for (const line of entry.lines) result[line.account] += line.side === 'debit' ? line.amountFen : -line.amountFen;
  return result;
}

describe('the station ledger over any sequence of operations', () => {
  it('balances every entry and agrees with the invoices, the contract and the money moved', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 150, size: 'max' }), (ops) => {
        const station = new Station();
        for (const step of ops) station.run(step);

        for (const entry of station.entries) {
          const debits = entry.lines.filter((l) => l.side === 'debit').reduce((sum, l) => sum + l.amountFen, 0);
          const credits = entry.lines.filter((l) => l.side === 'credit').reduce((sum, l) => sum + l.amountFen, 0);
          expect(debits).toBe(credits);
          expect(entry.lines.every((l) => Number.isSafeInteger(l.amountFen) && l.amountFen > 0)).toBe(true);
        }

        const balance = balances(station.entries);
        expect(Object.values(balance).reduce((sum, b) => sum + b, 0)).toBe(0);
        const owed = station.invoices.reduce((sum, i) => sum + (i.state.status === 'issued' ? outstandingFen(i.state.invoice) : 0), 0);
        expect(balance['fee-receivable']).toBe(owed);
        const claims = station.contract.status === 'signed' ? Object.values(station.contract.contract.claims) : [];
        expect(balance['grant-receivable']).toBe(claims.reduce((sum, claim) => sum + claimOutstandingFen(claim), 0));
        expect(balance.cash).toBe(station.money.cash);
        expect(balance.bank).toBe(station.money.bank);

        const allocated = station.closes.reduce((sum, close) => sum + close.allocatedFen, 0);
        expect(balance['welfare-fund'] + allocated).toBe(0);
        // What closes keep in unrestricted net assets is exactly the deficit still to be made good.
        expect(balance['unrestricted-net-assets']).toBe(station.ledger.deficitCarriedFen);
        for (const close of station.closes) {
          const ofMonth = balances(station.entries.filter((entry) => entry.period === close.period));
          for (const account of ['fee-revenue', 'fee-refunds', 'fee-waivers', 'grant-revenue', 'operating-expenses'] as const) expect(ofMonth[account]).toBe(0);
          expect(close.allocatedFen).toBeLessThanOrEqual(Math.max(0, close.surplusFen));
        }
      }),
      { numRuns: 100 },
    );
  });
});
