import { streamCategory } from '../envelope/envelope';
import { BROKERAGE_CATEGORIES, brokerageEventContracts, brokerageStreams, LEDGER_ACCOUNT_IDS, LEDGER_ACCOUNTS, surplusOf } from './brokerage.events';

describe('the brokerage contracts', () => {
  it('name every event once, in the brokerage namespace', () => {
    const types = brokerageEventContracts.map((contract) => contract.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.every((type) => /^brokerage\.[a-z]+(-[a-z]+)*$/.test(type))).toBe(true);
  });

  it('build every stream id in a category of their own', () => {
    const ids = [
      brokerageStreams.landlord('guangrui-1', 'l'),
      brokerageStreams.listing('guangrui-1', 'l'),
      brokerageStreams.housingFile('guangrui-1', 'r'),
      brokerageStreams.lease('guangrui-1', 'l'),
      brokerageStreams.invoice('guangrui-1', 'i'),
      brokerageStreams.feeSchedule('guangrui'),
      brokerageStreams.ledger('guangrui-1'),
      brokerageStreams.serviceContract('guangrui-1', 'c'),
      brokerageStreams.surplus('guangrui-1', 'a'),
    ];
    expect(ids.map(streamCategory)).toEqual([...BROKERAGE_CATEGORIES]);
  });
});

describe('the chart of accounts', () => {
  it('gives every account a code of its own, debit-normal for assets, contra-revenue and expenses', () => {
    const accounts = LEDGER_ACCOUNT_IDS.map((id) => LEDGER_ACCOUNTS[id]);
    expect(new Set(accounts.map((a) => a.code)).size).toBe(accounts.length);
    for (const account of accounts) {
      expect({ id: account.id, normal: account.normal }).toEqual({
        id: account.id,
        normal: ['asset', 'contra-revenue', 'expense'].includes(account.kind) ? 'debit' : 'credit',
      });
    }
  });

  it('makes the surplus revenue, less refunds and waivers, less expenses, from debits minus credits', () => {
    expect(surplusOf({ 'fee-revenue': -36_000, 'fee-refunds': 1_000, 'fee-waivers': 5_000, 'grant-revenue': -129_000, 'operating-expenses': 40_000, cash: 999 })).toEqual({
      revenueFen: 159_000,
      expensesFen: 40_000,
      surplusFen: 119_000,
    });
  });
});
