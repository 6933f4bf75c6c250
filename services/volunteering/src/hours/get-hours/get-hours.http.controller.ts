import { CurrentPrincipal, Principal, Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GetHoursHandler } from './get-hours.handler';
import { HoursQuery } from './get-hours.request.dto';
import { HoursView } from './hours.view';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers/:volunteerId/hours')
export class GetHoursController {
  constructor(private readonly handler: GetHoursHandler) {}

  @Get()
  @Station('read')
  @ApiOkResponse({ type: HoursView, description: "The volunteer's service log of one year and its totals" })
  get(@Param('stationId') stationId: string, @Param('volunteerId') volunteerId: string, @Query() query: HoursQuery, @CurrentPrincipal() principal: Principal): Promise<HoursView> {
    return this.handler.execute(stationId, volunteerId, query.year, principal, new Date().toISOString());
  }
}
