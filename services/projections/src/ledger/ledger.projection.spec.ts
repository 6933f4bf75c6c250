import { BrokerageWriter, debitCredit } from '../brokerage-testing/brokerage-writer';
import { contentsOf, replay } from '../brokerage-testing/replay';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { BalanceDocument, BALANCES, balanceId, ENTRIES, EntryDocument } from './ledger.document';
import { stationLedgerProjection } from './ledger.projection';

describe('the station ledger projection', () => {
  let infra: TestInfrastructure;
  let expense: string;
  let reversal: string;
  const projection = () => stationLedgerProjection({ org: infra.org });

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    const write = new BrokerageWriter(infra.events, infra.cipher);
    const lines = [...debitCredit('bank', 'grant-receivable', 120_000), ...debitCredit('grant-revenue', 'grant-receivable', 9_000)];
    await write.entry('guangrui-1', { kind: 'grant-received', date: '2026-04-05', lines });
    expense = (await write.entry('guangrui-1', { kind: 'expense', date: '2026-04-06', lines: debitCredit('operating-expenses', 'cash', 500) })).entryId;
    reversal = (await write.entry('guangrui-1', { kind: 'reversal', date: '2026-04-07', lines: debitCredit('cash', 'operating-expenses', 500), reverses: expense })).entryId;
  });

  afterAll(async () => {
    await infra.close();
  });

  it('adds up an account touched on two lines of one entry once per line', async () => {
    const ctx = await replay(infra, projection());
    const receivable = await ctx.collection<BalanceDocument>(BALANCES).get(balanceId('guangrui-1', '2026-04', 'grant-receivable'));
    expect(receivable).toMatchObject({ debitFen: 0, creditFen: 129_000, centerId: 'guangrui' });
  });

  it('marks the entry a reversal reverses', async () => {
    const ctx = await replay(infra, projection());
    expect(await ctx.collection<EntryDocument>(ENTRIES).get(expense)).toMatchObject({ reversedBy: reversal });
  });

  it('reads the same after every event was delivered twice', async () => {
    const once = await contentsOf(projection(), await replay(infra, projection()));
    const twice = await contentsOf(projection(), await replay(infra, projection(), { times: 2 }));
    expect(twice).toEqual(once);
  });
});
