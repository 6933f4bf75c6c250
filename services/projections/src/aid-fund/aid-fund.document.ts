import { SourcedDocument } from '../projection/projection';

/** A center's welfare fund now, `_id` = center id. */
export type AidFundDocument = SourcedDocument & AidFundBalance;

export interface AidFundBalance {
  centerId: string;
  balanceFen: number;
  creditedFen: number;
  /** Paid out, net of reversals. */
  paidFen: number;
  position: number;
}

export type MovementKind = 'credit' | 'payment' | 'reversal';

/** One movement of the fund with the balance after it, `_id` = the event id. */
export type AidFundMovementDocument = SourcedDocument & AidFundMovement;

export interface AidFundMovement {
  centerId: string;
  /** The version of the fund's stream: movements in the order they happened. */
  sequence: number;
  kind: MovementKind;
  /** Signed: credits and reversals add, payments take away. */
  amountFen: number;
  balanceAfterFen: number;
  occurredAt: string;
  /** The station the movement concerns: whose surplus was credited, or whose pairing was paid. */
  stationId: string;
  allocationId: string | null;
  period: string | null;
  ledgerEntryId: string | null;
  paymentId: string | null;
  pairingId: string | null;
  purpose: string | null;
  /** Payments: the allocations drawn on. Reversals: the allocations given back to. */
  allocations: Array<{ allocationId: string; amountFen: number }>;
}

export const AID_FUNDS = 'funds';
export const AID_FUND_MOVEMENTS = 'movements';
