import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { SignUpRequest } from '../sign-up/sign-up.request.dto';
import { AttendanceHandler } from './attendance.handler';
import { AttendanceRequest } from './attendance.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/activities/:activityId/shifts/:shiftId')
export class AttendanceController {
  constructor(private readonly handler: AttendanceHandler) {}

  @Post('check-ins')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Checked in (a walk-in is signed up on the spot when there is room)' })
  checkIn(
    @Param('stationId') stationId: string,
    @Param('activityId') activityId: string,
    @Param('shiftId') shiftId: string,
    @Body() body: AttendanceRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.checkIn(stationId, activityId, shiftId, body, context);
  }

  @Post('check-outs')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Checked out; the attended minutes are credited to the volunteer' })
  checkOut(
    @Param('stationId') stationId: string,
    @Param('activityId') activityId: string,
    @Param('shiftId') shiftId: string,
    @Body() body: AttendanceRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.checkOut(stationId, activityId, shiftId, body, context);
  }

  @Post('no-shows')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Recorded as not having come' })
  noShow(
    @Param('stationId') stationId: string,
    @Param('activityId') activityId: string,
    @Param('shiftId') shiftId: string,
    @Body() body: SignUpRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.noShow(stationId, activityId, shiftId, body.volunteerId, context);
  }
}
