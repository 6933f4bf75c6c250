import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/request-types';
import { WaiveFeeHandler } from './waive-fee.handler';
import { WaiveFeeRequest } from './waive-fee.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/invoices/:invoiceId/waiver')
export class WaiveFeeController {
  constructor(private readonly handler: WaiveFeeHandler) {}

  @Post()
  @HttpCode(200)
  @Station('write', { roles: ['station-lead'] })
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The fee (or part of it) waived for hardship, approved by the lead sending it' })
  waive(
    @Param('stationId') stationId: string,
    @Param('invoiceId', ParseUUIDPipe) invoiceId: string,
    @Body() body: WaiveFeeRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, invoiceId, body, context);
  }
}
