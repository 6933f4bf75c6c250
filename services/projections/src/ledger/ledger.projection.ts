import { EventEnvelope, LedgerAccountId, LedgerEntryPosted, LedgerMonthClosed } from '@kinship/contracts';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { centerOf } from '../brokerage-shared/brokerage-read-models';
import { alreadyApplied, markApplied, Projection, ProjectionContext } from '../projection/projection';
import { BALANCES, BalanceDocument, balanceId, CLOSES, CloseDocument, ENTRIES, EntryDocument } from './ledger.document';

export const STATION_LEDGER = 'station-ledger';

/**
 * Each station's ledger as its bookkeeper reads it: the journal, the monthly turnover of every account (from which
 * trial balances and income statements are summed, for a station or a whole chain) and the month closes.
 * Every document remembers the ledger stream version it reflects, so a redelivered entry is never counted twice.
 */
export function stationLedgerProjection(deps: { org: Pick<OrgDirectoryReader, 'centerOf'> }): Projection {
  return {
    name: STATION_LEDGER,
    version: 1,
    categories: ['stationledger'],
    collections: {
      [ENTRIES]: { indexes: [{ fields: { stationId: 1, period: 1 } }] },
      [BALANCES]: { indexes: [{ fields: { stationId: 1, period: 1 } }, { fields: { centerId: 1, period: 1 } }] },
      [CLOSES]: { indexes: [{ fields: { stationId: 1, period: 1 } }, { fields: { centerId: 1, period: 1 } }] },
    },
    async apply(event: EventEnvelope, ctx: ProjectionContext): Promise<void> {
      if (event.type === LedgerEntryPosted.type) return post(LedgerEntryPosted.schema.parse(event.data), event, ctx, deps.org);
      if (event.type !== LedgerMonthClosed.type) return;
      const data = LedgerMonthClosed.schema.parse(event.data);
      const closes = ctx.collection<CloseDocument>(CLOSES);
      const id = `${data.stationId}|${data.period}`;
      const existing = await closes.get(id);
      if (alreadyApplied(existing, event)) return;
      const { allocation, closingEntryId: _closing, ...figures } = data;
      await closes.upsert({
        ...figures,
        _id: id,
        _sources: markApplied(existing, event),
        centerId: centerOf(deps.org, data.stationId),
        allocationId: allocation?.allocationId ?? null,
      });
    },
  };
}

async function post(
  data: ReturnType<typeof LedgerEntryPosted.schema.parse>,
  event: EventEnvelope,
  ctx: ProjectionContext,
  org: Pick<OrgDirectoryReader, 'centerOf'>,
): Promise<void> {
  const entries = ctx.collection<EntryDocument>(ENTRIES);
  const balances = ctx.collection<BalanceDocument>(BALANCES);
  const centerId = centerOf(org, data.stationId);

  const existing = await entries.get(data.entryId);
  if (!alreadyApplied(existing, event)) {
    await entries.upsert({
      _id: data.entryId,
      _sources: markApplied(existing, event),
      entryId: data.entryId,
      stationId: data.stationId,
      centerId,
      kind: data.kind,
      date: data.date,
      period: data.period,
      lines: data.lines,
      memo: data.memo,
      source: data.source ?? null,
      reverses: data.reverses ?? null,
      reversedBy: existing?.reversedBy ?? null,
      position: event.position,
    });
  }
  if (data.reverses) {
    const original = await entries.get(data.reverses);
    if (original && !alreadyApplied(original, event)) {
      await entries.upsert({ ...original, reversedBy: data.entryId, _sources: markApplied(original, event) });
    }
  }

  // An entry may touch one account on several lines (a grant paid short): each month's balance is written once.
  const turnover = new Map<LedgerAccountId, { debitFen: number; creditFen: number }>();
  for (const line of data.lines) {
    const sum = turnover.get(line.account) ?? { debitFen: 0, creditFen: 0 };
    if (line.side === 'debit') sum.debitFen += line.amountFen;
    else sum.creditFen += line.amountFen;
    turnover.set(line.account, sum);
  }
  const closing = data.kind === 'closing';
  for (const [account, { debitFen, creditFen }] of turnover) {
    const id = balanceId(data.stationId, data.period, account);
    const balance = await balances.get(id);
    if (alreadyApplied(balance, event)) continue;
    const base = balance ?? { stationId: data.stationId, centerId, period: data.period, account, debitFen: 0, creditFen: 0, closingDebitFen: 0, closingCreditFen: 0 };
    await balances.upsert({
      ...base,
      _id: id,
      _sources: markApplied(balance, event),
      debitFen: base.debitFen + debitFen,
      creditFen: base.creditFen + creditFen,
      closingDebitFen: base.closingDebitFen + (closing ? debitFen : 0),
      closingCreditFen: base.closingCreditFen + (closing ? creditFen : 0),
    });
  }
}
