import { FeeAssessment } from '@kinship/contracts';
import { IsoDate } from '../domain/calendar';

/** One version of a center's fee schedule. */
export interface FeeTerms {
  effectiveFrom: IsoDate;
  /** Share of one month's rent on a new lease, in basis points (1/10,000). */
  basisPoints: number;
  capFen: number;
  /** Share on a renewal; 0 is "no fee on a renewal". */
  renewalBasisPoints: number;
}

/** 10,000 basis points: the whole month's rent. */
export const FULL_SHARE = 10_000;

/**
 * The brokerage fee of a lease (or a renewal) under `terms`: floor(rent × basisPoints / 10,000) fen — the
 * fraction of a fen always goes to the resident — then capped. Integers throughout: no floating point touches money.
 */
export function assessFee(terms: FeeTerms, monthlyRentFen: number, kind: 'new-lease' | 'renewal'): FeeAssessment {
  const basisPoints = kind === 'renewal' ? terms.renewalBasisPoints : terms.basisPoints;
  const share = (BigInt(monthlyRentFen) * BigInt(basisPoints)) / BigInt(FULL_SHARE);
  const amountFen = Number(share < BigInt(terms.capFen) ? share : BigInt(terms.capFen));
  return { amountFen, basisPoints, capFen: terms.capFen, scheduleEffectiveFrom: terms.effectiveFrom };
}
