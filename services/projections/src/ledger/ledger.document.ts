import { LedgerAccountId, LedgerEntryKind, LedgerLine } from '@kinship/contracts';
import { SourcedDocument } from '../projection/projection';

export const ENTRIES = 'entries';
export const BALANCES = 'balances';
export const CLOSES = 'closes';

/** One journal entry (凭证) of a station's ledger. */
export type EntryDocument = SourcedDocument & {
  entryId: string;
  stationId: string;
  centerId: string | null;
  kind: LedgerEntryKind;
  date: string;
  period: string;
  lines: LedgerLine[];
  memo: string;
  source: { type: 'invoice' | 'service-contract'; id: string } | null;
  reverses: string | null;
  reversedBy: string | null;
  position: number;
};

/**
 * The turnover of one account in one month of one station, in fen. What closing entries moved is kept apart, so an
 * income statement shows the month's revenue and expenses even after the month was closed into net assets.
 */
export type BalanceDocument = SourcedDocument & {
  stationId: string;
  centerId: string | null;
  period: string;
  account: LedgerAccountId;
  debitFen: number;
  creditFen: number;
  closingDebitFen: number;
  closingCreditFen: number;
};

export type CloseDocument = SourcedDocument & {
  stationId: string;
  centerId: string | null;
  period: string;
  revenueFen: number;
  expensesFen: number;
  surplusFen: number;
  deficitCoveredFen: number;
  deficitCarriedFen: number;
  allocatedFen: number;
  allocationId: string | null;
  closedOn: string;
};

export function balanceId(stationId: string, period: string, account: LedgerAccountId): string {
  return `${stationId}|${period}|${account}`;
}
