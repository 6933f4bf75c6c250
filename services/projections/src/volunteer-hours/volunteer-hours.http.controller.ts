import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { ChainHours, VolunteerHoursPage, VolunteerHoursQueries } from './volunteer-hours.queries';
import { ChainHoursQuery, VolunteerHoursQuery } from './volunteer-hours-query.request.dto';

/** Volunteer hours year to date, verified apart from pending: per station, and per chain for its manager. */
@ApiTags('volunteer-hours')
@ApiBearerAuth()
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class VolunteerHoursHttpController {
  constructor(private readonly queries: VolunteerHoursQueries) {}

  @Get('stations/:stationId/volunteer-hours')
  @Station('read')
  station(@Param('stationId') stationId: string, @Query() query: VolunteerHoursQuery): Promise<VolunteerHoursPage> {
    return this.queries.station(stationId, query);
  }

  @Get('centers/:centerId/volunteer-hours')
  @Roles('center-manager')
  chain(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: ChainHoursQuery): Promise<ChainHours> {
    return this.queries.chain(principal, centerId, query);
  }
}
