import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { InvoiceCommands } from '../invoice.handler';
import { MoneyMovementRequest, RecordPaymentResponse } from './record-payment.request.dto';

@Injectable()
export class RecordPaymentHandler {
  constructor(private readonly invoices: InvoiceCommands) {}

  async execute(stationId: string, invoiceId: string, request: MoneyMovementRequest, context: CommandContext): Promise<RecordPaymentResponse> {
    const paymentId = uuidv7();
    const { amountFen, method, reference, on } = request;
    const result = await this.invoices.run(
      stationId,
      { type: 'RecordPayment', data: { invoiceId, paymentId, amountFen, method, reference, paidOn: on } },
      context,
    );
    return { paymentId, ...BrokerageStreams.outcome(result) };
  }
}
