import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { Ctx, Station } from '@kinship/tenancy';
import { MoveOutHandler } from './move-out.handler';
import { MoveOutRequest } from './move-out.request.dto';

@ApiTags('registry')
@Controller('stations/:stationId/residents/:residentId')
export class MoveOutController {
  constructor(private readonly handler: MoveOutHandler) {}

  @Post('move-out')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Moved out of the community' })
  moveOut(@Param('stationId') stationId: string, @Param('residentId') residentId: string, @Body() body: MoveOutRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, residentId, body, context);
  }
}
