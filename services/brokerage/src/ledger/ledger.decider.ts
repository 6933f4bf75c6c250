import {
  BrokerageEvent,
  EXPENSE_CATEGORIES,
  isNominalAccount,
  LEDGER_ACCOUNT_IDS,
  LedgerAccountId,
  LedgerEntryKind,
  LedgerEntryPostedData,
  LedgerLine,
  surplusOf,
} from '@kinship/contracts';
import { assertNever, Decider, DomainError } from '@kinship/eventsourcing';
import { addMonths, IsoDate, isMonth, lastDayOf, Month, monthOf } from '../domain/calendar';
import { Command, definedOnly, notBefore, pastDate, requireDate, requireFen, requireText, todayOf } from '../domain/rules';

/**
 * A station's general ledger (总账), double-entry and append-only: every entry balances, nothing is ever changed,
 * a mistake is corrected by a reversing entry. Months close in order; an entry dated in a closed month is booked
 * in the first open one. Stream `stationledger-<stationId>-general`.
 */

export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
/** Entries that record a document of the brokerage (invoices, service contracts), posted by the ledger-posting reaction. */
export type DocumentEntryKind = Exclude<LedgerEntryKind, 'expense' | 'reversal' | 'closing' | 'surplus-allocation'>;

export type PostEntry = Command<
  'PostEntry',
  Omit<LedgerEntryPostedData, 'period' | 'kind'> & { kind: DocumentEntryKind }
>;
export type RecordExpense = Command<
  'RecordExpense',
  {
    entryId: string;
    stationId: string;
    amountFen: number;
    paidFrom: 'cash' | 'bank';
    category: ExpenseCategory;
    description: string;
    reference?: string;
    spentOn?: IsoDate;
  }
>;
export type ReverseEntry = Command<
  'ReverseEntry',
  { entryId: string; stationId: string; reversesEntryId: string; reason: string; reversedOn?: IsoDate }
>;
/** The ids of what a close may write come in with the command: a decider makes no ids. */
export type CloseMonth = Command<
  'CloseMonth',
  { stationId: string; period: Month; closingEntryId: string; allocationEntryId: string; allocationId: string }
>;
export type LedgerCommand = PostEntry | RecordExpense | ReverseEntry | CloseMonth;

export type LedgerEvent = Extract<BrokerageEvent, { type: 'brokerage.ledger-entry-posted' | 'brokerage.ledger-month-closed' }>;

export interface EntryRecord {
  kind: LedgerEntryKind;
  date: IsoDate;
  period: Month;
  lines: LedgerLine[];
  reverses: string | null;
  reversedBy: string | null;
}

export interface LedgerState {
  /**
   * Entries by the month they are booked in, then by id. Bucketed so that folding a ledger of many years copies
   * one month's entries per event, not every entry ever posted.
   */
  entries: Record<Month, Record<string, EntryRecord>>;
  lastClosed: Month | null;
  /** The earliest month any entry is booked in: the first month to close. */
  earliestPeriod: Month | null;
  /** Debits minus credits of each nominal account, per month: what a close turns into the surplus. */
  nominal: Record<Month, Partial<Record<LedgerAccountId, number>>>;
  /** Deficits of earlier months not yet made good by a later surplus. */
  deficitCarriedFen: number;
}

export const ledgerDecider: Decider<LedgerCommand, LedgerState, LedgerEvent> = {
  initialState: () => ({ entries: {}, lastClosed: null, earliestPeriod: null, nominal: {}, deficitCarriedFen: 0 }),
  decide,
  evolve,
};

function decide(command: LedgerCommand, state: LedgerState): LedgerEvent[] {
  const today = todayOf(command.metadata);
  switch (command.type) {
    case 'PostEntry':
      return postDocumentEntry(command.data, state);
    case 'RecordExpense': {
      const { entryId, stationId, paidFrom, category, reference } = command.data;
      requireNewEntry(state, entryId);
      const amountFen = requireFen(command.data.amountFen, 'amountFen');
      const description = requireText(command.data.description, 'description');
      const date = pastDate(command.data.spentOn, 'spentOn', today);
      const memo = `${category}: ${description}${reference ? ` (${reference})` : ''}`;
      const lines = debitCredit('operating-expenses', paidFrom, amountFen);
      return [posted({ entryId, stationId, kind: 'expense', date, period: openPeriodFor(state, date), lines, memo })];
    }
    case 'ReverseEntry':
      return reverse(command.data, state, today);
    case 'CloseMonth':
      return close(command.data, state, today);
    default:
      return assertNever(command);
  }
}

function postDocumentEntry(data: PostEntry['data'], state: LedgerState): LedgerEvent[] {
  const existing = findEntry(state, data.entryId);
  if (existing) {
    // The posting reaction delivered twice: the entry is booked already.
    if (existing.kind === data.kind && sameLines(existing.lines, data.lines)) return [];
    throw new DomainError('entry-already-posted', 'Another entry with this id is already posted', 409, { entryId: data.entryId });
  }
  const date = requireDate(data.date, 'date');
  const lines = requireBalanced(data.lines);
  if (data.reverses !== undefined) requireReversible(state, data.reverses);
  return [posted(definedOnly({ ...data, date, lines, period: openPeriodFor(state, date) }))];
}

function reverse(data: ReverseEntry['data'], state: LedgerState, today: IsoDate): LedgerEvent[] {
  requireNewEntry(state, data.entryId);
  const original = requireReversible(state, data.reversesEntryId);
  if (original.kind !== 'expense') {
    throw new DomainError(
      'entry-corrected-through-its-document',
      'Only a recorded expense is reversed by hand; fees and grants are corrected on their invoice or contract',
      422,
      { kind: original.kind },
    );
  }
  const reason = requireText(data.reason, 'reason');
  const date = notBefore(pastDate(data.reversedOn, 'reversedOn', today), original.date, 'reversedOn', 'the entry it reverses');
  const lines = original.lines.map((line) => ({ ...line, side: line.side === 'debit' ? ('credit' as const) : ('debit' as const) }));
  return [
    posted({
      entryId: data.entryId,
      stationId: data.stationId,
      kind: 'reversal',
      date,
      period: openPeriodFor(state, date),
      lines,
      memo: `Reversal: ${reason}`,
      reverses: data.reversesEntryId,
    }),
  ];
}

function close(data: CloseMonth['data'], state: LedgerState, today: IsoDate): LedgerEvent[] {
  const { stationId, period } = data;
  if (!isMonth(period)) throw new DomainError('invalid-period', 'period must be a month as YYYY-MM', 422, { period });
  if (period >= monthOf(today)) throw new DomainError('period-not-ended', 'A month is closed after it has ended', 422, { period, today });
  if (state.lastClosed !== null && period <= state.lastClosed) {
    throw new DomainError('period-already-closed', 'This month is already closed', 409, { period, lastClosed: state.lastClosed });
  }
  const expected = state.lastClosed !== null ? addMonths(state.lastClosed, 1) : state.earliestPeriod;
  // Before the first close, a month ahead of any entry may be closed (empty); a month after one may not.
  const outOfOrder = state.lastClosed !== null ? period !== expected : expected !== null && period > expected;
  if (outOfOrder) {
    throw new DomainError('period-out-of-order', 'Months are closed in order, with no month left open before', 409, { period, expected });
  }

  const net = state.nominal[period] ?? {};
  const { revenueFen, expensesFen, surplusFen } = surplusOf(net);
  const lastDay = lastDayOf(period);
  const events: LedgerEvent[] = [];

  const closingLines: LedgerLine[] = [];
  for (const account of LEDGER_ACCOUNT_IDS) {
    const amount = net[account] ?? 0;
    if (amount !== 0) closingLines.push({ account, side: amount > 0 ? 'credit' : 'debit', amountFen: Math.abs(amount) });
  }
  if (surplusFen !== 0) {
    closingLines.push({ account: 'unrestricted-net-assets', side: surplusFen > 0 ? 'credit' : 'debit', amountFen: Math.abs(surplusFen) });
  }
  const closingEntryId = closingLines.length > 0 ? data.closingEntryId : null;
  if (closingEntryId !== null) {
    events.push(
      posted({ entryId: closingEntryId, stationId, kind: 'closing', date: lastDay, period, lines: closingLines, memo: `Closing of ${period}` }),
    );
  }

  const deficitCoveredFen = surplusFen > 0 ? Math.min(surplusFen, state.deficitCarriedFen) : 0;
  const allocatedFen = surplusFen > 0 ? surplusFen - deficitCoveredFen : 0;
  const deficitCarriedFen = surplusFen >= 0 ? state.deficitCarriedFen - deficitCoveredFen : state.deficitCarriedFen - surplusFen;
  let allocation: { allocationId: string; entryId: string } | null = null;
  if (allocatedFen > 0) {
    allocation = { allocationId: data.allocationId, entryId: data.allocationEntryId };
    events.push(
      posted({
        entryId: data.allocationEntryId,
        stationId,
        kind: 'surplus-allocation',
        date: lastDay,
        period,
        lines: debitCredit('unrestricted-net-assets', 'welfare-fund', allocatedFen),
        memo: `Surplus of ${period} allocated to the council's welfare fund`,
      }),
    );
  }
  events.push({
    type: 'brokerage.ledger-month-closed',
    data: {
      stationId,
      period,
      revenueFen,
      expensesFen,
      surplusFen,
      deficitCoveredFen,
      deficitCarriedFen,
      allocatedFen,
      closingEntryId,
      allocation,
      closedOn: today,
    },
  });
  return events;
}

/** The month an entry dated `date` is booked in: its own, unless that one is closed. */
export function openPeriodFor(state: LedgerState, date: IsoDate): Month {
  const own = monthOf(date);
  if (state.lastClosed === null || own > state.lastClosed) return own;
  return addMonths(state.lastClosed, 1);
}

export function debitCredit(debit: LedgerAccountId, credit: LedgerAccountId, amountFen: number): LedgerLine[] {
  return [
    { account: debit, side: 'debit', amountFen },
    { account: credit, side: 'credit', amountFen },
  ];
}

/** Debits equal credits, every amount whole fen above zero, every account in the chart. */
function requireBalanced(lines: readonly LedgerLine[]): LedgerLine[] {
  if (lines.length < 2) throw new DomainError('entry-unbalanced', 'An entry has at least one debit and one credit', 422);
  let debits = 0;
  let credits = 0;
  for (const line of lines) {
    if (!(LEDGER_ACCOUNT_IDS as readonly string[]).includes(line.account)) {
      throw new DomainError('unknown-account', `No account ${line.account} in the chart`, 422, { account: line.account });
    }
    requireFen(line.amountFen, 'amountFen');
    if (line.side === 'debit') debits += line.amountFen;
    else credits += line.amountFen;
  }
  if (debits !== credits || debits === 0) throw new DomainError('entry-unbalanced', 'Debits and credits differ', 422, { debits, credits });
  return lines.map((line) => ({ ...line }));
}

/** The entry with this id, wherever it is booked. */
export function findEntry(state: LedgerState, entryId: string): EntryRecord | undefined {
  for (const month of Object.keys(state.entries)) {
    const entry = state.entries[month][entryId];
    if (entry) return entry;
  }
  return undefined;
}

function requireNewEntry(state: LedgerState, entryId: string): void {
  if (findEntry(state, entryId)) throw new DomainError('entry-already-posted', 'An entry with this id is already posted', 409, { entryId });
}

function requireReversible(state: LedgerState, entryId: string): EntryRecord {
  const original = findEntry(state, entryId);
  if (!original) throw new DomainError('entry-not-found', 'No entry with this id in the ledger', 404, { entryId });
  if (original.reversedBy !== null) {
    throw new DomainError('entry-already-reversed', 'The entry is already reversed', 409, { entryId, reversedBy: original.reversedBy });
  }
  if (original.kind === 'reversal' || original.kind === 'closing' || original.kind === 'surplus-allocation') {
    throw new DomainError('entry-not-reversible', 'Reversals, closings and allocations are never reversed', 422, { kind: original.kind });
  }
  return original;
}

function sameLines(a: readonly LedgerLine[], b: readonly LedgerLine[]): boolean {
  return a.length === b.length && a.every((line, i) => line.account === b[i].account && line.side === b[i].side && line.amountFen === b[i].amountFen);
}

function posted(data: LedgerEntryPostedData): LedgerEvent {
  return { type: 'brokerage.ledger-entry-posted', data };
}

function evolve(state: LedgerState, event: LedgerEvent): LedgerState {
  switch (event.type) {
    case 'brokerage.ledger-entry-posted': {
      const { entryId, kind, date, period, lines, reverses } = event.data;
      const entries = { ...state.entries, [period]: { ...(state.entries[period] ?? {}), [entryId]: { kind, date, period, lines, reverses: reverses ?? null, reversedBy: null } } };
      const original = reverses ? findEntry(state, reverses) : undefined;
      if (reverses && original) entries[original.period] = { ...entries[original.period], [reverses]: { ...original, reversedBy: entryId } };
      const nominal = { ...(state.nominal[period] ?? {}) };
      for (const line of lines) {
        if (isNominalAccount(line.account)) nominal[line.account] = (nominal[line.account] ?? 0) + (line.side === 'debit' ? line.amountFen : -line.amountFen);
      }
      const earliestPeriod = state.earliestPeriod === null || period < state.earliestPeriod ? period : state.earliestPeriod;
      return { ...state, entries, earliestPeriod, nominal: { ...state.nominal, [period]: nominal } };
    }
    case 'brokerage.ledger-month-closed':
      return { ...state, lastClosed: event.data.period, deficitCarriedFen: event.data.deficitCarriedFen };
    default:
      return assertNever(event);
  }
}
