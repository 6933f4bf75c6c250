import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { CancelActivityHandler } from './cancel-activity.handler';
import { CancellationRequest } from './cancel-activity.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/activities/:activityId')
export class CancelActivityController {
  constructor(private readonly handler: CancelActivityHandler) {}

  @Post('cancellation')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Cancelled with every shift that had not started' })
  cancelActivity(@Param('stationId') stationId: string, @Param('activityId') activityId: string, @Body() body: CancellationRequest, @Ctx() context: CommandContext) {
    return this.handler.cancelActivity(stationId, activityId, body, context);
  }

  @Post('shifts/:shiftId/cancellation')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The shift is cancelled' })
  cancelShift(
    @Param('stationId') stationId: string,
    @Param('activityId') activityId: string,
    @Param('shiftId') shiftId: string,
    @Body() body: CancellationRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.cancelShift(stationId, activityId, shiftId, body, context);
  }
}
