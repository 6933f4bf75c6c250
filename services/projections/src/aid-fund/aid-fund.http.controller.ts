import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { AID_FUND_LEDGER_SCHEMA } from './aid-fund.responses';
import { AidFundLedgerPage, AidFundLedgerQueries } from './aid-fund.queries';
import { AidFundLedgerQuery } from './aid-fund-query.request.dto';

/** The welfare fund's balance and history (the fund itself is commanded in volunteering, under /centers/:centerId/aid-fund). */
@ApiTags('aid-fund-ledger')
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class AidFundLedgerHttpController {
  constructor(private readonly queries: AidFundLedgerQueries) {}

  @Get('centers/:centerId/aid-fund-ledger')
  @ApiOkResponse({ description: "The chain's aid fund: balance, totals and its movements, paged", schema: AID_FUND_LEDGER_SCHEMA })
  @Roles('center-manager')
  chain(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: AidFundLedgerQuery): Promise<AidFundLedgerPage> {
    return this.queries.chain(principal, centerId, query);
  }

  @Get('stations/:stationId/aid-fund-ledger')
  @ApiOkResponse({ description: "The movements of the chain's aid fund that concern the station, paged", schema: AID_FUND_LEDGER_SCHEMA })
  @Station('read')
  station(@Param('stationId') stationId: string, @Query() query: AidFundLedgerQuery): Promise<AidFundLedgerPage> {
    return this.queries.station(stationId, query);
  }
}
