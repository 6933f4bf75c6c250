import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { SignUpHandler } from './sign-up.handler';
import { SignUpRequest } from './sign-up.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/activities/:activityId/shifts/:shiftId/sign-ups')
export class SignUpController {
  constructor(private readonly handler: SignUpHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: CommandOutcomeResponse, description: 'On the roster; 409 shift-fully-staffed at the maximum' })
  signUp(
    @Param('stationId') stationId: string,
    @Param('activityId') activityId: string,
    @Param('shiftId') shiftId: string,
    @Body() body: SignUpRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.signUp(stationId, activityId, shiftId, body.volunteerId, context);
  }

  @Post(':volunteerId/cancellation')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Off the roster (late when under a day before the shift)' })
  cancel(
    @Param('stationId') stationId: string,
    @Param('activityId') activityId: string,
    @Param('shiftId') shiftId: string,
    @Param('volunteerId') volunteerId: string,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.cancel(stationId, activityId, shiftId, volunteerId, context);
  }
}
