import { Document } from '@kinship/documents';
import { SourcedDocument } from '../projection/projection';

/**
 * One pairing's continuity, `_id` = pairing id: nothing personal, only who is paired with which household, how
 * often they meet, and the aid the household received from the welfare fund.
 */
export type PairingContinuityDocument = SourcedDocument & PairingContinuity;

export interface PairingContinuity {
  pairingId: string;
  /** Null only while aid for the pairing arrived before the pairing itself (another stream). */
  stationId: string | null;
  centerId: string | null;
  volunteerId: string | null;
  householdId: string | null;
  category: string | null;
  status: 'active' | 'ended' | null;
  startedOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  alertAfterDays: number;
  lastVisitOn: string | null;
  visits: number;
  visitMinutes: number;
  aidReceivedFen: number;
  aidPayments: number;
  beneficiaryErased: boolean;
}

/** An aid payment and the pairing it went to, `_id` = payment id: its reversal names only the payment. */
export type PairingAidDocument = Document & { pairingId: string; amountFen: number };

export const PAIRINGS = 'pairings';
export const PAIRING_AID = 'aid-payments';
