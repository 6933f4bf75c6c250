import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { InvoiceCommands } from '../invoice.handler';
import { RefundFeeRequest, RefundFeeResponse } from './refund-fee.request.dto';

@Injectable()
export class RefundFeeHandler {
  constructor(private readonly invoices: InvoiceCommands) {}

  async execute(stationId: string, invoiceId: string, request: RefundFeeRequest, context: CommandContext): Promise<RefundFeeResponse> {
    const refundId = uuidv7();
    const { amountFen, method, reference, on, reason } = request;
    const result = await this.invoices.run(
      stationId,
      { type: 'RefundFee', data: { invoiceId, refundId, amountFen, method, reference, refundedOn: on, reason } },
      context,
    );
    return { refundId, ...BrokerageStreams.outcome(result) };
  }
}
