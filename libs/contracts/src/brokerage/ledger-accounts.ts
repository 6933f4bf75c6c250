/**
 * The chart of accounts (会计科目) of a station's ledger, after the accounting rules for non-profit organisations
 * (民间非营利组织会计制度): a surplus is not profit but unrestricted net assets, and what the council may spend only
 * on public welfare is restricted net assets (the welfare fund).
 */

export const ACCOUNT_KINDS = ['asset', 'net-assets', 'revenue', 'contra-revenue', 'expense'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** The side on which an account's balance normally stands. */
export type NormalSide = 'debit' | 'credit';

export interface LedgerAccount {
  id: string;
  code: string;
  name: string;
  nameZh: string;
  kind: AccountKind;
  normal: NormalSide;
}

export const LEDGER_ACCOUNT_IDS = [
  'cash',
  'bank',
  'fee-receivable',
  'grant-receivable',
  'unrestricted-net-assets',
  'welfare-fund',
  'fee-revenue',
  'fee-refunds',
  'fee-waivers',
  'grant-revenue',
  'operating-expenses',
] as const;
export type LedgerAccountId = (typeof LEDGER_ACCOUNT_IDS)[number];

/** Every account, in the order of the chart (assets, net assets, revenue, expenses). */
export const LEDGER_ACCOUNTS: Readonly<Record<LedgerAccountId, LedgerAccount>> = {
  cash: { id: 'cash', code: '1001', name: 'Cash on hand', nameZh: '库存现金', kind: 'asset', normal: 'debit' },
  bank: { id: 'bank', code: '1002', name: 'Bank and payment accounts', nameZh: '银行存款', kind: 'asset', normal: 'debit' },
  'fee-receivable': { id: 'fee-receivable', code: '1121', name: 'Fees receivable', nameZh: '应收账款—服务费', kind: 'asset', normal: 'debit' },
  'grant-receivable': {
    id: 'grant-receivable',
    code: '1122',
    name: 'Government purchases receivable',
    nameZh: '应收账款—政府购买服务',
    kind: 'asset',
    normal: 'debit',
  },
  'unrestricted-net-assets': {
    id: 'unrestricted-net-assets',
    code: '3101',
    name: 'Unrestricted net assets',
    nameZh: '非限定性净资产',
    kind: 'net-assets',
    normal: 'credit',
  },
  'welfare-fund': {
    id: 'welfare-fund',
    code: '3102',
    name: 'Restricted welfare fund',
    nameZh: '限定性净资产—公益基金',
    kind: 'net-assets',
    normal: 'credit',
  },
  'fee-revenue': { id: 'fee-revenue', code: '4101', name: 'Brokerage fee revenue', nameZh: '提供服务收入—中介服务费', kind: 'revenue', normal: 'credit' },
  'fee-refunds': { id: 'fee-refunds', code: '4102', name: 'Fee refunds', nameZh: '服务费退还', kind: 'contra-revenue', normal: 'debit' },
  'fee-waivers': { id: 'fee-waivers', code: '4103', name: 'Hardship fee waivers', nameZh: '服务费减免', kind: 'contra-revenue', normal: 'debit' },
  'grant-revenue': {
    id: 'grant-revenue',
    code: '4201',
    name: 'Government purchase of services',
    nameZh: '政府购买服务收入',
    kind: 'revenue',
    normal: 'credit',
  },
  'operating-expenses': {
    id: 'operating-expenses',
    code: '5101',
    name: 'Operating expenses',
    nameZh: '业务活动成本',
    kind: 'expense',
    normal: 'debit',
  },
};

/** Accounts whose period balances make the surplus and are closed into net assets at each month's close. */
export function isNominalAccount(account: LedgerAccountId): boolean {
  const { kind } = LEDGER_ACCOUNTS[account];
  return kind === 'revenue' || kind === 'contra-revenue' || kind === 'expense';
}

/**
 * The surplus (结余) a set of nominal balances makes: revenue less refunds and waivers, less expenses. `net` is
 * debits minus credits per account, in fen.
 */
export function surplusOf(net: Partial<Record<LedgerAccountId, number>>): { revenueFen: number; expensesFen: number; surplusFen: number } {
  let revenueFen = 0;
  let expensesFen = 0;
  for (const account of LEDGER_ACCOUNT_IDS) {
    const amount = net[account] ?? 0;
    const { kind } = LEDGER_ACCOUNTS[account];
    if (kind === 'revenue' || kind === 'contra-revenue') revenueFen -= amount;
    if (kind === 'expense') expensesFen += amount;
  }
  return { revenueFen, expensesFen, surplusFen: revenueFen - expensesFen };
}
