import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { LogHoursHandler } from './log-hours.handler';
import { LogHoursRequest, LogHoursResponse } from './log-hours.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers/:volunteerId/hours')
export class LogHoursController {
  constructor(private readonly handler: LogHoursHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: LogHoursResponse, description: 'Logged, pending verification; 422 hours-without-attendance for a shift not attended' })
  log(@Param('stationId') stationId: string, @Param('volunteerId') volunteerId: string, @Body() body: LogHoursRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, volunteerId, body, context);
  }
}
