import { AidFundCredited, AidPaid, AidPaymentReversed, EventEnvelope, streamCategory, volunteeringStreams, volunteeringUpcasters } from '@kinship/contracts';
import { alreadyApplied, markApplied, Projection, ProjectionContext } from '../projection/projection';
import { AID_FUND_MOVEMENTS, AID_FUNDS, AidFundDocument, AidFundMovement, AidFundMovementDocument } from './aid-fund.document';

export const AID_FUND_LEDGER = 'aid-fund-ledger';

type Movement = Omit<AidFundMovement, 'centerId' | 'sequence' | 'balanceAfterFen' | 'occurredAt'>;
const NONE = { allocationId: null, period: null, ledgerEntryId: null, paymentId: null, pairingId: null, purpose: null, allocations: [] };

/**
 * The welfare fund's balance and its history (DESIGN §4): each credit, payment and reversal with the balance
 * after it, and for payments the allocations they were drawn on. The movement is written under its event id
 * before the fund moves on, so a redelivery rewrites the same movement and the balance moves once.
 */
export function aidFundProjection(): Projection {
  async function movementOf(event: EventEnvelope, ctx: ProjectionContext): Promise<Movement | null> {
    switch (event.type) {
      case AidFundCredited.type: {
        const data = AidFundCredited.schema.parse(event.data);
        return { ...NONE, kind: 'credit', amountFen: data.amountFen, stationId: data.fromStationId, allocationId: data.allocationId, period: data.period, ledgerEntryId: data.ledgerEntryId };
      }
      case AidPaid.type: {
        const data = AidPaid.schema.parse(event.data);
        return { ...NONE, kind: 'payment', amountFen: -data.amountFen, stationId: data.stationId, paymentId: data.paymentId, pairingId: data.pairingId, purpose: data.purpose, allocations: data.fundedBy };
      }
      case AidPaymentReversed.type: {
        const data = AidPaymentReversed.schema.parse(event.data);
        const [paid] = await ctx.collection<AidFundMovementDocument>(AID_FUND_MOVEMENTS).find({ centerId: data.centerId, paymentId: data.paymentId, kind: 'payment' });
        if (!paid) throw new Error(`Reversal of payment ${data.paymentId}, which the fund's history does not hold`);
        const amountFen = data.restored.reduce((sum, funding) => sum + funding.amountFen, 0);
        return { ...NONE, kind: 'reversal', amountFen, stationId: paid.stationId, paymentId: data.paymentId, pairingId: paid.pairingId, allocations: data.restored };
      }
      default:
        return null;
    }
  }

  async function apply(raw: EventEnvelope, ctx: ProjectionContext): Promise<void> {
    const event = volunteeringUpcasters.upcast(raw);
    const centerId = (event.data as { centerId?: unknown }).centerId;
    if (typeof centerId !== 'string') return;
    const funds = ctx.collection<AidFundDocument>(AID_FUNDS);
    const fund = await funds.get(centerId);
    if (alreadyApplied(fund, event)) return;
    const movement = await movementOf(event, ctx);
    if (movement === null) return;
    const before = fund ?? { _id: centerId, centerId, balanceFen: 0, creditedFen: 0, paidFen: 0, position: 0 };
    const balanceFen = before.balanceFen + movement.amountFen;
    await ctx.collection<AidFundMovementDocument>(AID_FUND_MOVEMENTS).upsert({
      _id: event.id,
      centerId,
      sequence: event.streamVersion,
      balanceAfterFen: balanceFen,
      occurredAt: event.occurredAt,
      ...movement,
    });
    await funds.upsert({
      ...before,
      balanceFen,
      creditedFen: before.creditedFen + (movement.kind === 'credit' ? movement.amountFen : 0),
      paidFen: before.paidFen - (movement.kind === 'credit' ? 0 : movement.amountFen),
      position: event.position,
      _sources: markApplied(fund, event),
    });
  }

  return {
    name: AID_FUND_LEDGER,
    version: 1,
    categories: [streamCategory(volunteeringStreams.aidFund('center'))],
    collections: {
      [AID_FUNDS]: {},
      [AID_FUND_MOVEMENTS]: { indexes: [{ fields: { centerId: 1, sequence: -1 } }, { fields: { centerId: 1, stationId: 1, sequence: -1 } }, { fields: { centerId: 1, paymentId: 1 } }] },
    },
    apply,
  };
}
