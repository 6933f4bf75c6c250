import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { AfterPositionQuery } from '../read-your-writes/read-your-writes';
import { LedgerQueries } from './ledger.queries';
import { IncomeStatementQuery, LedgerEntriesQuery, TrialBalanceQuery } from './ledger.request.dto';

/** A station's ledger for its staff and its chain's manager, and the chain's consolidated ledger for the manager. */
@ApiTags('ledger')
@ApiBearerAuth()
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class LedgerHttpController {
  constructor(private readonly queries: LedgerQueries) {}

  @Get('stations/:stationId/ledger/entries')
  @Station('read')
  entries(@Param('stationId') stationId: string, @Query() query: LedgerEntriesQuery) {
    return this.queries.entries(stationId, query);
  }

  @Get('stations/:stationId/ledger/trial-balance')
  @Station('read')
  trialBalance(@Param('stationId') stationId: string, @Query() query: TrialBalanceQuery) {
    return this.queries.stationTrialBalance(stationId, query);
  }

  @Get('stations/:stationId/ledger/income-statement')
  @Station('read')
  incomeStatement(@Param('stationId') stationId: string, @Query() query: IncomeStatementQuery) {
    return this.queries.stationIncomeStatement(stationId, query);
  }

  @Get('stations/:stationId/ledger/closes')
  @Station('read')
  closes(@Param('stationId') stationId: string, @Query() query: AfterPositionQuery) {
    return this.queries.closes(stationId, query);
  }

  @Get('centers/:centerId/ledger/trial-balance')
  @Roles('center-manager')
  chainTrialBalance(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: TrialBalanceQuery) {
    return this.queries.chainTrialBalance(principal, centerId, query);
  }

  @Get('centers/:centerId/ledger/income-statement')
  @Roles('center-manager')
  chainIncomeStatement(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: IncomeStatementQuery) {
    return this.queries.chainIncomeStatement(principal, centerId, query);
  }
}
