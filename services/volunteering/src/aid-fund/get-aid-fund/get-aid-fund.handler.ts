import { DomainError } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { balanceOf } from '../aid-fund.decider';
import { AidFundView, AidPaymentTraceView } from './aid-fund.view';

@Injectable()
export class GetAidFundHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async fund(centerId: string): Promise<AidFundView> {
    const state = await this.streams.aidFundState(centerId);
    const payments = Object.values(state.payments);
    return {
      centerId,
      balanceFen: balanceOf(state),
      creditedFen: state.allocations.reduce((sum, a) => sum + a.amountFen, 0),
      paidFen: payments.filter((p) => !p.reversed).reduce((sum, p) => sum + p.amountFen, 0),
      allocations: state.allocations,
      payments,
    };
  }

  /** Every fen of the payment, back to the allocation, station, month and ledger entry it came from. */
  async trace(centerId: string, paymentId: string): Promise<AidPaymentTraceView> {
    const state = await this.streams.aidFundState(centerId);
    const payment = state.payments[paymentId];
    if (!payment) throw new DomainError('payment-not-found', `No aid payment ${paymentId} from the fund of center ${centerId}`, 404);
    const allocations = new Map(state.allocations.map((a) => [a.allocationId, a]));
    return {
      payment,
      fundedBy: payment.fundedBy.flatMap(({ allocationId, amountFen }) => {
        const allocation = allocations.get(allocationId);
        return allocation ? [{ ...allocation, drawnFen: amountFen }] : [];
      }),
    };
  }
}
