import { brokerageStreams, LeaseRenewed } from '@kinship/contracts';
import { CommandContext } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { stationDate } from '../../domain/calendar';
import { FeeScheduleHandler } from '../../fees/fee-schedule/fee-schedule.handler';
import { invoiceIdFor } from '../../reactions/invoicing.reaction';
import { LeaseFeeResponse } from '../lease-fee.response';
import { leaseDecider } from '../lease.decider';
import { RenewLeaseRequest } from './renew-lease.request.dto';

/** Extends a lease; the fee is the schedule's renewal share, usually none. */
@Injectable()
export class RenewLeaseHandler {
  constructor(
    private readonly streams: BrokerageStreams,
    private readonly fees: FeeScheduleHandler,
  ) {}

  async execute(stationId: string, leaseId: string, request: RenewLeaseRequest, context: CommandContext): Promise<LeaseFeeResponse> {
    const renewedOn = request.renewedOn ?? stationDate(context.now);
    const feeTerms = await this.fees.termsFor(stationId, renewedOn);
    const result = await this.streams.run(
      leaseDecider,
      brokerageStreams.lease(stationId, leaseId),
      stationId,
      { type: 'RenewLease', data: { leaseId, endsOn: request.endsOn, monthlyRentFen: request.monthlyRentFen, renewedOn, feeTerms } },
      context,
    );
    const [renewed] = result.events;
    const { fee } = LeaseRenewed.schema.parse(renewed.data);
    return { leaseId, fee, invoiceId: fee.amountFen > 0 ? invoiceIdFor(renewed.id) : null, ...BrokerageStreams.outcome(result) };
  }
}
