import { LEDGER_ACCOUNT_IDS, LEDGER_ACCOUNTS, LedgerAccount, LedgerAccountId, surplusOf } from '@kinship/contracts';
import { Filter } from '@kinship/documents';
import { DomainError } from '@kinship/eventsourcing';
import { ORG_DIRECTORY, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { pagingOf } from '../brokerage-shared/brokerage-query.request.dto';
import { Page, requireChainReader } from '../brokerage-shared/brokerage-read-models';
import { ProjectionRunner } from '../projection/projection-runner';
import { AfterPositionQuery, ReadYourWrites } from '../read-your-writes/read-your-writes';
import { BALANCES, BalanceDocument, CLOSES, CloseDocument, ENTRIES, EntryDocument } from './ledger.document';
import { STATION_LEDGER } from './ledger.projection';
import { IncomeStatementQuery, LedgerEntriesQuery, TrialBalanceQuery } from './ledger.request.dto';

export interface TrialBalanceRow extends Omit<LedgerAccount, 'id'> {
  account: LedgerAccountId;
  /** Everything debited and credited to the account. */
  debitTurnoverFen: number;
  creditTurnoverFen: number;
  /** The balance, in the column of its side. */
  debitFen: number;
  creditFen: number;
}

export interface TrialBalance {
  asOf: string | null;
  rows: TrialBalanceRow[];
  totals: { debitFen: number; creditFen: number; balanced: boolean };
  position: number | null;
}

export interface IncomeStatement {
  from: string;
  to: string;
  feeRevenueFen: number;
  feeRefundsFen: number;
  feeWaiversFen: number;
  netFeeRevenueFen: number;
  grantRevenueFen: number;
  revenueFen: number;
  operatingExpensesFen: number;
  surplusFen: number;
  /** What the month closes in the range moved to the council's welfare fund. */
  allocatedFen: number;
  closedPeriods: string[];
}

export type EntryView = Omit<EntryDocument, '_id' | '_sources'>;
export type CloseView = Omit<CloseDocument, '_id' | '_sources'>;

/** Trial balances, income statements, the journal and the month closes, for a station or consolidated for a chain. */
@Injectable()
export class LedgerQueries {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async entries(stationId: string, query: LedgerEntriesQuery): Promise<Page<EntryView>> {
    await this.caughtUp(query.afterPosition);
    const filter: Filter = { stationId, ...(query.period ? { period: query.period } : {}), ...(query.kind ? { kind: query.kind } : {}) };
    const { page, pageSize, skip } = pagingOf(query);
    const collection = this.runner.collection<EntryDocument>(STATION_LEDGER, ENTRIES);
    const [found, total] = await Promise.all([collection.find(filter, { sort: { position: 1 }, skip, limit: pageSize }), collection.count(filter)]);
    return { items: found.map(({ _id, _sources, ...entry }) => entry), total, page, pageSize, position: await this.position() };
  }

  async closes(stationId: string, query: AfterPositionQuery): Promise<{ closes: CloseView[]; position: number | null }> {
    await this.caughtUp(query.afterPosition);
    const found = await this.runner.collection<CloseDocument>(STATION_LEDGER, CLOSES).find({ stationId }, { sort: { period: 1 } });
    return { closes: found.map(({ _id, _sources, ...close }) => close), position: await this.position() };
  }

  async stationTrialBalance(stationId: string, query: TrialBalanceQuery): Promise<TrialBalance> {
    await this.caughtUp(query.afterPosition);
    return { ...this.trialBalance(await this.balances({ stationId }, { to: query.asOf }), query.asOf ?? null), position: await this.position() };
  }

  async chainTrialBalance(principal: Principal, centerId: string, query: TrialBalanceQuery): Promise<TrialBalance & { stations: Array<{ stationId: string } & TrialBalance['totals']> }> {
    requireChainReader(principal, centerId, this.org);
    await this.caughtUp(query.afterPosition);
    const balances = await this.balances({ centerId }, { to: query.asOf });
    const stations = this.org.stationsOf(centerId).map((station) => ({
      stationId: station.id,
      ...this.trialBalance(balances.filter((b) => b.stationId === station.id), query.asOf ?? null).totals,
    }));
    return { ...this.trialBalance(balances, query.asOf ?? null), position: await this.position(), stations };
  }

  async stationIncomeStatement(stationId: string, query: IncomeStatementQuery): Promise<IncomeStatement> {
    const range = await this.range(query);
    return this.incomeStatement(await this.balances({ stationId }, range), await this.closesIn({ stationId }, range), range);
  }

  async chainIncomeStatement(principal: Principal, centerId: string, query: IncomeStatementQuery): Promise<IncomeStatement & { stations: Array<{ stationId: string } & IncomeStatement> }> {
    requireChainReader(principal, centerId, this.org);
    const range = await this.range(query);
    const balances = await this.balances({ centerId }, range);
    const closes = await this.closesIn({ centerId }, range);
    const stations = this.org.stationsOf(centerId).map((station) => ({
      stationId: station.id,
      ...this.incomeStatement(
        balances.filter((b) => b.stationId === station.id),
        closes.filter((c) => c.stationId === station.id),
        range,
      ),
    }));
    return { ...this.incomeStatement(balances, closes, range), stations };
  }

  private trialBalance(balances: readonly BalanceDocument[], asOf: string | null): Omit<TrialBalance, 'position'> {
    const rows = LEDGER_ACCOUNT_IDS.map((account): TrialBalanceRow => {
      const own = balances.filter((b) => b.account === account);
      const debitTurnoverFen = own.reduce((sum, b) => sum + b.debitFen, 0);
      const creditTurnoverFen = own.reduce((sum, b) => sum + b.creditFen, 0);
      const net = debitTurnoverFen - creditTurnoverFen;
      const { id: _id, ...chart } = LEDGER_ACCOUNTS[account];
      return { account, ...chart, debitTurnoverFen, creditTurnoverFen, debitFen: Math.max(net, 0), creditFen: Math.max(-net, 0) };
    });
    const debitFen = rows.reduce((sum, row) => sum + row.debitFen, 0);
    const creditFen = rows.reduce((sum, row) => sum + row.creditFen, 0);
    return { asOf, rows, totals: { debitFen, creditFen, balanced: debitFen === creditFen } };
  }

  private incomeStatement(balances: readonly BalanceDocument[], closes: readonly CloseDocument[], range: { from: string; to: string }): IncomeStatement {
    // Net debits of each nominal account over the range, leaving out what closing entries moved to net assets.
    const net: Partial<Record<LedgerAccountId, number>> = {};
    for (const b of balances) net[b.account] = (net[b.account] ?? 0) + (b.debitFen - b.closingDebitFen) - (b.creditFen - b.closingCreditFen);
    const { revenueFen, expensesFen, surplusFen } = surplusOf(net);
    const credit = (account: LedgerAccountId) => 0 - (net[account] ?? 0);
    const debit = (account: LedgerAccountId) => net[account] ?? 0;
    return {
      ...range,
      feeRevenueFen: credit('fee-revenue'),
      feeRefundsFen: debit('fee-refunds'),
      feeWaiversFen: debit('fee-waivers'),
      netFeeRevenueFen: credit('fee-revenue') - debit('fee-refunds') - debit('fee-waivers'),
      grantRevenueFen: credit('grant-revenue'),
      revenueFen,
      operatingExpensesFen: expensesFen,
      surplusFen,
      allocatedFen: closes.reduce((sum, close) => sum + close.allocatedFen, 0),
      closedPeriods: closes.map((close) => close.period).sort(),
    };
  }

  private async balances(scope: Filter, range: { from?: string; to?: string }): Promise<BalanceDocument[]> {
    const period = { ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lte: range.to } : {}) };
    const filter: Filter = Object.keys(period).length > 0 ? { ...scope, period } : scope;
    return this.runner.collection<BalanceDocument>(STATION_LEDGER, BALANCES).find(filter);
  }

  private closesIn(scope: Filter, range: { from: string; to: string }): Promise<CloseDocument[]> {
    return this.runner.collection<CloseDocument>(STATION_LEDGER, CLOSES).find({ ...scope, period: { $gte: range.from, $lte: range.to } });
  }

  private async range(query: IncomeStatementQuery): Promise<{ from: string; to: string }> {
    const to = query.to ?? query.from;
    if (to < query.from) throw new DomainError('invalid-range', 'to comes on or after from', 422, { from: query.from, to });
    await this.caughtUp(query.afterPosition);
    return { from: query.from, to };
  }

  private position(): Promise<number | null> {
    return this.runner.position(STATION_LEDGER);
  }

  private caughtUp(afterPosition: number | undefined): Promise<void> {
    return this.readYourWrites.after(afterPosition, STATION_LEDGER);
  }
}
