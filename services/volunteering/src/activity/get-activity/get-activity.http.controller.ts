import { Station } from '@kinship/tenancy';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActivityView } from './activity.view';
import { GetActivityHandler } from './get-activity.handler';

@ApiTags('volunteering')
@Controller('stations/:stationId/activities/:activityId')
export class GetActivityController {
  constructor(private readonly handler: GetActivityHandler) {}

  @Get()
  @Station('read')
  @ApiOkResponse({ type: ActivityView, description: 'The activity, its shifts, their rosters and staffing' })
  get(@Param('stationId') stationId: string, @Param('activityId') activityId: string): Promise<ActivityView> {
    return this.handler.execute(stationId, activityId);
  }
}
