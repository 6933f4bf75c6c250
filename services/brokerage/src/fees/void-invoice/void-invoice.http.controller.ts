import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { CommandOutcomeResponse } from '../../application/request-types';
import { InvoiceCommands } from '../invoice.handler';
import { VoidInvoiceRequest } from './void-invoice.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/invoices/:invoiceId/void')
export class VoidInvoiceController {
  constructor(private readonly invoices: InvoiceCommands) {}

  @Post()
  @HttpCode(200)
  @Station('write', { roles: ['station-lead'] })
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'An invoice issued in error cancelled; the ledger books a reversing entry' })
  async voidInvoice(
    @Param('stationId') stationId: string,
    @Param('invoiceId', ParseUUIDPipe) invoiceId: string,
    @Body() body: VoidInvoiceRequest,
    @Ctx() context: CommandContext,
  ) {
    const result = await this.invoices.run(stationId, { type: 'VoidInvoice', data: { invoiceId, reason: body.reason, voidedOn: body.on } }, context);
    return BrokerageStreams.outcome(result);
  }
}
