import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { AidFundLedgerPage, AidFundLedgerQueries } from './aid-fund.queries';
import { AidFundLedgerQuery } from './aid-fund-query.request.dto';

/** The welfare fund's balance and history (the fund itself is commanded in volunteering, under /centers/:centerId/aid-fund). */
@ApiTags('aid-fund-ledger')
@ApiBearerAuth()
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class AidFundLedgerHttpController {
  constructor(private readonly queries: AidFundLedgerQueries) {}

  @Get('centers/:centerId/aid-fund-ledger')
  @Roles('center-manager')
  chain(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: AidFundLedgerQuery): Promise<AidFundLedgerPage> {
    return this.queries.chain(principal, centerId, query);
  }

  @Get('stations/:stationId/aid-fund-ledger')
  @Station('read')
  station(@Param('stationId') stationId: string, @Query() query: AidFundLedgerQuery): Promise<AidFundLedgerPage> {
    return this.queries.station(stationId, query);
  }
}
