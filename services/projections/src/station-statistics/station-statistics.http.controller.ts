import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { ChainStatistics, StationStatistics, StationStatisticsQueries } from './station-statistics.queries';
import { StatisticsRangeQuery } from './station-statistics.request.dto';

/** Daily station statistics: a station's days for its staff and its chain's manager, the chain's totals for the manager. */
@ApiTags('station-statistics')
@ApiBearerAuth()
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class StationStatisticsHttpController {
  constructor(private readonly queries: StationStatisticsQueries) {}

  @Get('stations/:stationId/statistics')
  @Station('read')
  @ApiOkResponse({ description: 'Every day of the range (at most 366) with its counts and residents present, and the totals' })
  station(@Param('stationId') stationId: string, @Query() query: StatisticsRangeQuery): Promise<StationStatistics> {
    return this.queries.station(stationId, query);
  }

  @Get('centers/:centerId/statistics')
  @Roles('center-manager')
  @ApiOkResponse({ description: "The range's totals for every station of the chain and for the chain" })
  chain(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: StatisticsRangeQuery): Promise<ChainStatistics> {
    return this.queries.chain(principal, centerId, query);
  }
}
