import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CloseMonthHandler } from './close-month.handler';
import { CloseMonthRequest, CloseMonthResponse } from './close-month.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/ledger/closes')
export class CloseMonthController {
  constructor(private readonly handler: CloseMonthHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write', { roles: ['station-lead'] })
  @ApiCreatedResponse({ type: CloseMonthResponse, description: 'The month closed and its surplus allocated to the welfare fund' })
  close(@Param('stationId') stationId: string, @Body() body: CloseMonthRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
