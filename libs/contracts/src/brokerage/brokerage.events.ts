import { z } from 'zod';
import { defineEvent } from '../envelope/catalogue';

/**
 * Events of the brokerage (中介服务): low-fee rental brokerage, the station ledger and the surplus (结余) that
 * funds the council's public-welfare work. Amounts are whole fen (分), never floating-point yuan.
 */

const fen = z.number().int().nonnegative();

/**
 * A station's monthly surplus allocated to the council's welfare fund (公益基金). Consumed by volunteering, whose aid
 * fund is credited by it; `allocationId` is what an aid payment traces back to.
 */
export const SurplusAllocated = defineEvent(
  'brokerage.surplus-allocated',
  1,
  z.object({
    allocationId: z.string(),
    stationId: z.string(),
    /** The month closed, as YYYY-MM. */
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    amountFen: fen,
    /** The ledger entry that moved the amount to the restricted welfare fund account. */
    ledgerEntryId: z.string(),
  }),
);

export const brokerageEventContracts = [SurplusAllocated] as const;
export type SurplusAllocatedData = z.infer<typeof SurplusAllocated.schema>;
