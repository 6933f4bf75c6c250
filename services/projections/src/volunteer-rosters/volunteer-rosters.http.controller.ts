import { Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { VolunteerRostersPage, VolunteerRostersQueries } from './volunteer-rosters.queries';
import { VolunteerRostersQuery } from './volunteer-rosters-query.request.dto';

/** The station's shift rosters with their staffing state, for the coordinator to fill the gaps. */
@ApiTags('volunteer-rosters')
@ApiBearerAuth()
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class VolunteerRostersHttpController {
  constructor(private readonly queries: VolunteerRostersQueries) {}

  @Get('stations/:stationId/volunteer-rosters')
  @Station('read')
  station(@Param('stationId') stationId: string, @Query() query: VolunteerRostersQuery): Promise<VolunteerRostersPage> {
    return this.queries.station(stationId, query);
  }
}
