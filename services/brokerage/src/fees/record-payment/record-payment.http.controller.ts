import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RecordPaymentHandler } from './record-payment.handler';
import { MoneyMovementRequest, RecordPaymentResponse } from './record-payment.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/invoices/:invoiceId/payments')
export class RecordPaymentController {
  constructor(private readonly handler: RecordPaymentHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: RecordPaymentResponse, description: 'A payment of the fee, in full or in part' })
  pay(
    @Param('stationId') stationId: string,
    @Param('invoiceId', ParseUUIDPipe) invoiceId: string,
    @Body() body: MoneyMovementRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, invoiceId, body, context);
  }
}
