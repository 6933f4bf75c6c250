import { Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { VOLUNTEER_ROSTERS_PAGE_SCHEMA } from './volunteer-rosters.responses';
import { VolunteerRostersPage, VolunteerRostersQueries } from './volunteer-rosters.queries';
import { VolunteerRostersQuery } from './volunteer-rosters-query.request.dto';

/** The station's shift rosters with their staffing state, for the coordinator to fill the gaps. */
@ApiTags('volunteer-rosters')
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class VolunteerRostersHttpController {
  constructor(private readonly queries: VolunteerRostersQueries) {}

  @Get('stations/:stationId/volunteer-rosters')
  @ApiOkResponse({ description: "The station's shifts in the range with their rosters and staffing", schema: VOLUNTEER_ROSTERS_PAGE_SCHEMA })
  @Station('read')
  station(@Param('stationId') stationId: string, @Query() query: VolunteerRostersQuery): Promise<VolunteerRostersPage> {
    return this.queries.station(stationId, query);
  }
}
