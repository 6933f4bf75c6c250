import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RefundFeeHandler } from './refund-fee.handler';
import { RefundFeeRequest, RefundFeeResponse } from './refund-fee.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/invoices/:invoiceId/refunds')
export class RefundFeeController {
  constructor(private readonly handler: RefundFeeHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write', { roles: ['station-lead'] })
  @ApiCreatedResponse({ type: RefundFeeResponse, description: 'Money paid on the fee given back, at most what was paid' })
  refund(
    @Param('stationId') stationId: string,
    @Param('invoiceId', ParseUUIDPipe) invoiceId: string,
    @Body() body: RefundFeeRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, invoiceId, body, context);
  }
}
