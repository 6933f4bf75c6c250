import { ACCOUNT_KINDS, LEDGER_ACCOUNT_IDS, LEDGER_ENTRY_KINDS } from '@kinship/contracts';
import { arrayOf, boolean, date, fen, integer, month, nullable, object, oneOf, page, position, Schema, string, withStations } from '../openapi/response-schema';

const account = oneOf(LEDGER_ACCOUNT_IDS);

/** One journal entry (GET …/ledger/entries). */
export const ENTRY_SCHEMA: Schema = object({
  entryId: string(),
  stationId: string(),
  centerId: nullable(string()),
  kind: oneOf(LEDGER_ENTRY_KINDS),
  date: date(),
  period: month(),
  lines: arrayOf(object({ account, side: oneOf(['debit', 'credit']), amountFen: fen() })),
  memo: string(),
  source: nullable(object({ type: oneOf(['invoice', 'service-contract']), id: string() })),
  reverses: nullable(string('The entry this one reverses')),
  reversedBy: nullable(string('The entry that reversed this one')),
  position: integer('The position of the event that posted the entry'),
});

export const ENTRIES_PAGE_SCHEMA = page(ENTRY_SCHEMA);

/** The closed months of a station (GET …/ledger/closes). */
export const CLOSES_SCHEMA: Schema = object({
  closes: arrayOf(
    object({
      stationId: string(),
      centerId: nullable(string()),
      period: month(),
      revenueFen: fen(),
      expensesFen: fen(),
      surplusFen: fen(),
      deficitCoveredFen: fen(),
      deficitCarriedFen: fen(),
      allocatedFen: fen(),
      allocationId: nullable(string()),
      closedOn: date(),
    }),
  ),
  position: position(),
});

const TOTALS = { debitFen: fen(), creditFen: fen(), balanced: boolean('Debits equal credits') };

/** The trial balance of a station (GET /stations/{stationId}/ledger/trial-balance). */
export const TRIAL_BALANCE_SCHEMA: Schema = object({
  asOf: nullable(month('The last month counted; null for everything')),
  rows: arrayOf(
    object({
      account,
      code: string(),
      name: string(),
      nameZh: string(),
      kind: oneOf(ACCOUNT_KINDS),
      normal: oneOf(['debit', 'credit']),
      debitTurnoverFen: fen(),
      creditTurnoverFen: fen(),
      debitFen: fen('The debit balance, 0 when the balance is on the credit side'),
      creditFen: fen('The credit balance, 0 when the balance is on the debit side'),
    }),
  ),
  totals: object(TOTALS),
  position: position(),
});

/** The chain's trial balance, with each station's totals. */
export const CHAIN_TRIAL_BALANCE_SCHEMA = withStations(TRIAL_BALANCE_SCHEMA, object({ stationId: string(), ...TOTALS }));

/** The income statement of a station over a range of months (GET /stations/{stationId}/ledger/income-statement). */
export const INCOME_STATEMENT_SCHEMA: Schema = object({
  from: month(),
  to: month(),
  feeRevenueFen: fen(),
  feeRefundsFen: fen(),
  feeWaiversFen: fen(),
  netFeeRevenueFen: fen(),
  grantRevenueFen: fen(),
  revenueFen: fen(),
  operatingExpensesFen: fen(),
  surplusFen: fen(),
  allocatedFen: fen(),
  closedPeriods: arrayOf(month()),
});

/** The chain's income statement, with each station's. */
export const CHAIN_INCOME_STATEMENT_SCHEMA = withStations(INCOME_STATEMENT_SCHEMA, { allOf: [object({ stationId: string() }), INCOME_STATEMENT_SCHEMA] });
