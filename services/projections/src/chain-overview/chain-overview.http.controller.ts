import { CurrentPrincipal, Principal, Roles } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { ChainOverview, ChainOverviewQueries } from './chain-overview.queries';
import { ChainOverviewQuery } from './chain-overview.request.dto';
import { CHAIN_OVERVIEW_SCHEMA } from './chain-overview.responses';

/** The chain-wide views a center manager uses, in one place. */
@ApiTags('chain-overview')
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class ChainOverviewHttpController {
  constructor(private readonly queries: ChainOverviewQueries) {}

  @Get('centers/:centerId/overview')
  @Roles('center-manager')
  @ApiOkResponse({ description: 'Per station and in total: residents, open cases, statistics, ledger, volunteers, listings and leases; with links', schema: CHAIN_OVERVIEW_SCHEMA })
  overview(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: ChainOverviewQuery): Promise<ChainOverview> {
    return this.queries.chain(principal, centerId, query);
  }
}
