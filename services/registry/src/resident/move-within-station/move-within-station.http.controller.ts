import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { Ctx, Station } from '@kinship/tenancy';
import { MoveWithinStationHandler } from './move-within-station.handler';
import { MoveWithinStationRequest } from './move-within-station.request.dto';

@ApiTags('registry')
@Controller('stations/:stationId/residents/:residentId')
export class MoveWithinStationController {
  constructor(private readonly handler: MoveWithinStationHandler) {}

  @Post('moves')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Moved to another address of the station' })
  move(@Param('stationId') stationId: string, @Param('residentId') residentId: string, @Body() body: MoveWithinStationRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, residentId, body, context);
  }
}
