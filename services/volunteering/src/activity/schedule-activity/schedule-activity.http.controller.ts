import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ScheduleActivityHandler } from './schedule-activity.handler';
import { ScheduleActivityRequest, ScheduleActivityResponse } from './schedule-activity.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/activities')
export class ScheduleActivityController {
  constructor(private readonly handler: ScheduleActivityHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: ScheduleActivityResponse, description: 'Scheduled with its shifts' })
  schedule(@Param('stationId') stationId: string, @Body() body: ScheduleActivityRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
