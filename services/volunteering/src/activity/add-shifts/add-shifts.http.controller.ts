import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ShiftsCreatedResponse, ShiftsDto } from '../schedule-activity/schedule-activity.request.dto';
import { AddShiftsHandler } from './add-shifts.handler';

@ApiTags('volunteering')
@Controller('stations/:stationId/activities/:activityId/shifts')
export class AddShiftsController {
  constructor(private readonly handler: AddShiftsHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: ShiftsCreatedResponse, description: 'Shifts added to the activity' })
  add(@Param('stationId') stationId: string, @Param('activityId') activityId: string, @Body() body: ShiftsDto, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, activityId, body, context);
  }
}
