import { LedgerEntryPostedData } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { leadMetadata, metadata, specOptions, STATION, TODAY } from '../testing/decider-fixtures';
import { debitCredit, LedgerCommand, ledgerDecider, LedgerEvent } from './ledger.decider';

const spec = deciderSpec(ledgerDecider, specOptions);
/** An entry as posted; `source: undefined` leaves the source out, as an entry of the ledger's own has none. */
const posted = (data: Partial<LedgerEntryPostedData> & Pick<LedgerEntryPostedData, 'entryId'>): LedgerEvent => {
  const entry = {
    stationId: STATION,
    kind: 'fee-invoiced' as const,
    date: '2026-04-10',
    period: '2026-04',
    lines: debitCredit('fee-receivable', 'fee-revenue', 36_000),
    memo: 'fee',
    source: { type: 'invoice' as const, id: 'invoice-1' },
    ...data,
  };
  return { type: 'brokerage.ledger-entry-posted', data: Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as LedgerEntryPostedData };
};
const invoiced = posted({ entryId: 'e-invoice' });
const paidCash = posted({ entryId: 'e-paid', kind: 'fee-paid', date: '2026-04-11', lines: debitCredit('cash', 'fee-receivable', 36_000) });
const expense = posted({
  entryId: 'e-rent',
  kind: 'expense',
  date: '2026-04-12',
  lines: debitCredit('operating-expenses', 'bank', 10_000),
  memo: 'premises: office rent',
  source: undefined,
});
const post = (data: Partial<Extract<LedgerCommand, { type: 'PostEntry' }>['data']> = {}): LedgerCommand => {
  const { period: _period, ...entry } = invoiced.data;
  return { type: 'PostEntry', data: { ...entry, kind: 'fee-invoiced', ...data } as Extract<LedgerCommand, { type: 'PostEntry' }>['data'], metadata: metadata({ actor: { userId: 'brokerage', role: 'system' } }) };
};
const close = (period: string): LedgerCommand => ({
  type: 'CloseMonth',
  data: { stationId: STATION, period, closingEntryId: `closing-${period}`, allocationEntryId: `allocation-${period}`, allocationId: `allocation-id-${period}` },
  metadata: leadMetadata(),
});
const closed = (period: string, figures: { revenueFen: number; expensesFen: number; deficitCoveredFen?: number; deficitCarriedFen?: number; allocatedFen?: number }, withClosing = true): LedgerEvent => {
  const surplusFen = figures.revenueFen - figures.expensesFen;
  const allocatedFen = figures.allocatedFen ?? Math.max(0, surplusFen);
  return {
    type: 'brokerage.ledger-month-closed',
    data: {
      stationId: STATION,
      period,
      revenueFen: figures.revenueFen,
      expensesFen: figures.expensesFen,
      surplusFen,
      deficitCoveredFen: figures.deficitCoveredFen ?? 0,
      deficitCarriedFen: figures.deficitCarriedFen ?? 0,
      allocatedFen,
      closingEntryId: withClosing ? `closing-${period}` : null,
      allocation: allocatedFen > 0 ? { allocationId: `allocation-id-${period}`, entryId: `allocation-${period}` } : null,
      closedOn: TODAY,
    },
  };
};

describe("a station's ledger", () => {
  describe('when a document is posted', () => {
    it('books the entry in the month of its date', () => {
      spec.given([]).when(post()).then([invoiced]);
    });

    it('books an entry dated in a closed month in the first open month', () => {
      spec.given([closed('2026-03', { revenueFen: 0, expensesFen: 0 }, false)]).when(post({ date: '2026-02-27' })).then([posted({ entryId: 'e-invoice', date: '2026-02-27', period: '2026-04' })]);
    });

    it('takes the same entry posted again as done, and refuses another under its id', () => {
      spec.given([invoiced]).when(post()).then([]);
      spec.given([invoiced]).when(post({ lines: debitCredit('fee-receivable', 'fee-revenue', 1) })).thenRejects('entry-already-posted', { status: 409 });
    });

    it('rejects an entry whose debits and credits differ, or with one line', () => {
      const unbalanced = [...debitCredit('cash', 'fee-receivable', 100), { account: 'bank' as const, side: 'debit' as const, amountFen: 1 }];
      spec.given([]).when(post({ lines: unbalanced })).thenRejects('entry-unbalanced', { details: { debits: 101, credits: 100 } });
      spec.given([]).when(post({ lines: [{ account: 'cash', side: 'debit', amountFen: 100 }] })).thenRejects('entry-unbalanced');
    });

    it('rejects an amount that is not whole fen and an account not in the chart', () => {
      spec.given([]).when(post({ lines: debitCredit('cash', 'fee-receivable', 0.5) })).thenRejects('invalid-amount');
      const unknown = [{ account: 'petty-cash', side: 'debit', amountFen: 1 }, { account: 'cash', side: 'credit', amountFen: 1 }] as never;
      spec.given([]).when(post({ lines: unknown })).thenRejects('unknown-account');
    });

    it('marks the entry it reverses, and refuses to reverse one twice or one that is not there', () => {
      const voiding = post({ entryId: 'e-void', kind: 'invoice-voided', lines: debitCredit('fee-revenue', 'fee-receivable', 36_000), reverses: 'e-invoice' });
      const state = spec.given([invoiced]).when(voiding).then([
        posted({ entryId: 'e-void', kind: 'invoice-voided', lines: debitCredit('fee-revenue', 'fee-receivable', 36_000), reverses: 'e-invoice' }),
      ]);
      expect(state.entries['2026-04']['e-invoice'].reversedBy).toBe('e-void');
      spec.given([]).when(voiding).thenRejects('entry-not-found', { status: 404 });
    });
  });

  describe('when an expense is recorded', () => {
    const record = (data: Partial<Extract<LedgerCommand, { type: 'RecordExpense' }>['data']> = {}): LedgerCommand => ({
      type: 'RecordExpense',
      data: { entryId: 'e-rent', stationId: STATION, amountFen: 10_000, paidFrom: 'bank', category: 'premises', description: 'office rent', spentOn: '2026-04-12', ...data },
      metadata: metadata(),
    });

    it('debits operating expenses and credits what paid it', () => {
      spec.given([]).when(record()).then([expense]);
    });

    it('rejects an expense of nothing, without a description, or in the future', () => {
      spec.given([]).when(record({ amountFen: 0 })).thenRejects('invalid-amount');
      spec.given([]).when(record({ description: ' ' })).thenRejects('description-required');
      spec.given([]).when(record({ spentOn: '2026-05-21' })).thenRejects('date-in-future');
      spec.given([expense]).when(record()).thenRejects('entry-already-posted');
    });
  });

  describe('when an entry is reversed', () => {
    const reverse = (reversesEntryId: string, reversedOn = TODAY): LedgerCommand => ({
      type: 'ReverseEntry',
      data: { entryId: 'e-reversal', stationId: STATION, reversesEntryId, reason: 'booked twice', reversedOn },
      metadata: leadMetadata(),
    });

    it('books every line on the other side, in the open month', () => {
      spec.given([expense]).when(reverse('e-rent')).then([
        posted({
          entryId: 'e-reversal',
          kind: 'reversal',
          date: TODAY,
          period: '2026-05',
          lines: debitCredit('bank', 'operating-expenses', 10_000).reverse(),
          memo: 'Reversal: booked twice',
          source: undefined,
          reverses: 'e-rent',
        }),
      ]);
    });

    it('corrects fees and grants only through their documents', () => {
      spec.given([invoiced]).when(reverse('e-invoice')).thenRejects('entry-corrected-through-its-document');
    });

    it('rejects reversing twice, reversing a reversal, an unknown entry and a date before the entry', () => {
      const reversal = posted({ entryId: 'e-reversal', kind: 'reversal', lines: debitCredit('bank', 'operating-expenses', 10_000), reverses: 'e-rent', source: undefined });
      spec.given([expense, reversal]).when({ ...reverse('e-rent'), data: { ...reverse('e-rent').data, entryId: 'e-again' } } as LedgerCommand).thenRejects('entry-already-reversed');
      spec.given([expense, reversal]).when({ ...reverse('e-reversal'), data: { ...reverse('e-reversal').data, entryId: 'e-again' } } as LedgerCommand).thenRejects('entry-not-reversible');
      spec.given([]).when(reverse('e-none')).thenRejects('entry-not-found', { status: 404 });
      spec.given([expense]).when(reverse('e-rent', '2026-04-11')).thenRejects('date-too-early');
    });
  });

  describe('when a month is closed', () => {
    it('closes revenue and expenses into net assets and allocates the surplus to the welfare fund', () => {
      const state = spec.given([invoiced, paidCash, expense]).when(close('2026-04')).then([
        posted({
          entryId: 'closing-2026-04',
          kind: 'closing',
          date: '2026-04-30',
          lines: [
            { account: 'fee-revenue', side: 'debit', amountFen: 36_000 },
            { account: 'operating-expenses', side: 'credit', amountFen: 10_000 },
            { account: 'unrestricted-net-assets', side: 'credit', amountFen: 26_000 },
          ],
          memo: 'Closing of 2026-04',
          source: undefined,
        }),
        posted({
          entryId: 'allocation-2026-04',
          kind: 'surplus-allocation',
          date: '2026-04-30',
          lines: debitCredit('unrestricted-net-assets', 'welfare-fund', 26_000),
          memo: "Surplus of 2026-04 allocated to the council's welfare fund",
          source: undefined,
        }),
        closed('2026-04', { revenueFen: 36_000, expensesFen: 10_000 }),
      ]);
      expect(state.lastClosed).toBe('2026-04');
    });

    it('carries a deficit forward and makes it good from the next surplus before allocating', () => {
      const marchRent = posted({ ...expense.data, entryId: 'e-march', date: '2026-03-05', period: '2026-03' });
      const marchClosed = closed('2026-03', { revenueFen: 0, expensesFen: 10_000, deficitCarriedFen: 10_000, allocatedFen: 0 });
      spec.given([marchRent]).when(close('2026-03')).then([expect.anything() as LedgerEvent, marchClosed]);
      spec.given([marchRent, marchClosed, invoiced]).when(close('2026-04')).then([
        expect.anything() as LedgerEvent,
        expect.objectContaining({ data: expect.objectContaining({ lines: debitCredit('unrestricted-net-assets', 'welfare-fund', 26_000) }) }) as LedgerEvent,
        closed('2026-04', { revenueFen: 36_000, expensesFen: 0, deficitCoveredFen: 10_000, deficitCarriedFen: 0, allocatedFen: 26_000 }),
      ]);
    });

    it('closes an empty month with no entry and no allocation', () => {
      spec.given([]).when(close('2026-04')).then([closed('2026-04', { revenueFen: 0, expensesFen: 0 }, false)]);
    });

    it('rejects a month not yet ended, one already closed, one out of order and one that is none', () => {
      spec.given([]).when(close('2026-05')).thenRejects('period-not-ended');
      const april = closed('2026-04', { revenueFen: 0, expensesFen: 0 }, false);
      spec.given([april]).when(close('2026-04')).thenRejects('period-already-closed', { status: 409 });
      spec.given([closed('2026-02', { revenueFen: 0, expensesFen: 0 }, false)]).when(close('2026-04')).thenRejects('period-out-of-order', { details: { expected: '2026-03' } });
      spec.given([invoiced]).when(close('2026-04')).then([expect.anything() as LedgerEvent, expect.anything() as LedgerEvent, expect.anything() as LedgerEvent]);
      spec.given([posted({ entryId: 'e-march', date: '2026-03-01', period: '2026-03' })]).when(close('2026-04')).thenRejects('period-out-of-order', { details: { expected: '2026-03' } });
      spec.given([]).when(close('2026-13')).thenRejects('invalid-period');
    });
  });
});
