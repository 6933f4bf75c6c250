import { CommandContext } from '@kinship/eventsourcing';
import { Center, Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/request-types';
import { FeeScheduleHandler } from './fee-schedule.handler';
import { FeeScheduleView, SetFeeScheduleRequest } from './fee-schedule.request.dto';

@ApiTags('brokerage')
@Controller()
export class FeeScheduleController {
  constructor(private readonly handler: FeeScheduleHandler) {}

  @Put('centers/:centerId/fee-schedule')
  @HttpCode(200)
  @Center('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: "The center's brokerage fees from `effectiveFrom` on" })
  set(@Param('centerId') centerId: string, @Body() body: SetFeeScheduleRequest, @Ctx() context: CommandContext) {
    return this.handler.set(centerId, body, context);
  }

  @Get('centers/:centerId/fee-schedule')
  @Center('read')
  @ApiOkResponse({ type: FeeScheduleView })
  ofCenter(@Param('centerId') centerId: string) {
    return this.handler.view(centerId, new Date().toISOString());
  }

  @Get('stations/:stationId/fee-schedule')
  @Station('read')
  @ApiOkResponse({ type: FeeScheduleView, description: "The fee schedule of the station's center" })
  ofStation(@Param('stationId') stationId: string) {
    return this.handler.viewForStation(stationId, new Date().toISOString());
  }
}
