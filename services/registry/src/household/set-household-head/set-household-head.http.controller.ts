import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { Ctx, Station } from '@kinship/tenancy';
import { SetHouseholdHeadHandler } from './set-household-head.handler';
import { SetHouseholdHeadRequest } from './set-household-head.request.dto';

@ApiTags('registry: households')
@Controller('stations/:stationId/households/:householdId/head')
export class SetHouseholdHeadController {
  constructor(private readonly handler: SetHouseholdHeadHandler) {}

  @Put()
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse })
  setHead(@Param('stationId') stationId: string, @Param('householdId') householdId: string, @Body() body: SetHouseholdHeadRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, householdId, body, context);
  }
}
