import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { ReverseAidPaymentRequest } from './reverse-aid-payment.request.dto';

/** Undoes a payment by a new event; the money returns to the allocations that funded it. */
@Injectable()
export class ReverseAidPaymentHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async execute(centerId: string, paymentId: string, request: ReverseAidPaymentRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { centerId, paymentId, reason: request.reason };
    return VolunteeringStreams.outcome(await this.streams.aidFund({ type: 'ReverseAidPayment', data }, context));
  }
}
