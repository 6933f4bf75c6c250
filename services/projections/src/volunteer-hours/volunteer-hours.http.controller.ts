import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { CHAIN_HOURS_SCHEMA, VOLUNTEER_HOURS_PAGE_SCHEMA } from './volunteer-hours.responses';
import { ChainHours, VolunteerHoursPage, VolunteerHoursQueries } from './volunteer-hours.queries';
import { ChainHoursQuery, VolunteerHoursQuery } from './volunteer-hours-query.request.dto';

/** Volunteer hours year to date, verified apart from pending: per station, and per chain for its manager. */
@ApiTags('volunteer-hours')
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class VolunteerHoursHttpController {
  constructor(private readonly queries: VolunteerHoursQueries) {}

  @Get('stations/:stationId/volunteer-hours')
  @ApiOkResponse({ description: "The station's volunteers with their hours in the year, and the station's summary", schema: VOLUNTEER_HOURS_PAGE_SCHEMA })
  @Station('read')
  station(@Param('stationId') stationId: string, @Query() query: VolunteerHoursQuery): Promise<VolunteerHoursPage> {
    return this.queries.station(stationId, query);
  }

  @Get('centers/:centerId/volunteer-hours')
  @ApiOkResponse({ description: "Every station's volunteer hours in the year", schema: CHAIN_HOURS_SCHEMA })
  @Roles('center-manager')
  chain(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: ChainHoursQuery): Promise<ChainHours> {
    return this.queries.chain(principal, centerId, query);
  }
}
