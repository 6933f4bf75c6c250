import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { CHAIN_INCOME_STATEMENT_SCHEMA, CHAIN_TRIAL_BALANCE_SCHEMA, CLOSES_SCHEMA, ENTRIES_PAGE_SCHEMA, INCOME_STATEMENT_SCHEMA, TRIAL_BALANCE_SCHEMA } from './ledger.responses';
import { AfterPositionQuery } from '../read-your-writes/read-your-writes';
import { LedgerQueries } from './ledger.queries';
import { IncomeStatementQuery, LedgerEntriesQuery, TrialBalanceQuery } from './ledger.request.dto';

/** A station's ledger for its staff and its chain's manager, and the chain's consolidated ledger for the manager. */
@ApiTags('ledger')
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class LedgerHttpController {
  constructor(private readonly queries: LedgerQueries) {}

  @Get('stations/:stationId/ledger/entries')
  @ApiOkResponse({ description: 'The journal entries of the station in the order they were posted', schema: ENTRIES_PAGE_SCHEMA })
  @Station('read')
  entries(@Param('stationId') stationId: string, @Query() query: LedgerEntriesQuery) {
    return this.queries.entries(stationId, query);
  }

  @Get('stations/:stationId/ledger/trial-balance')
  @ApiOkResponse({ description: 'Turnover and balance of every account of the chart', schema: TRIAL_BALANCE_SCHEMA })
  @Station('read')
  trialBalance(@Param('stationId') stationId: string, @Query() query: TrialBalanceQuery) {
    return this.queries.stationTrialBalance(stationId, query);
  }

  @Get('stations/:stationId/ledger/income-statement')
  @ApiOkResponse({ description: 'Revenue, expenses and surplus over the months asked for', schema: INCOME_STATEMENT_SCHEMA })
  @Station('read')
  incomeStatement(@Param('stationId') stationId: string, @Query() query: IncomeStatementQuery) {
    return this.queries.stationIncomeStatement(stationId, query);
  }

  @Get('stations/:stationId/ledger/closes')
  @ApiOkResponse({ description: 'The months closed, oldest first', schema: CLOSES_SCHEMA })
  @Station('read')
  closes(@Param('stationId') stationId: string, @Query() query: AfterPositionQuery) {
    return this.queries.closes(stationId, query);
  }

  @Get('centers/:centerId/ledger/trial-balance')
  @ApiOkResponse({ description: "The chain's consolidated trial balance and each station's totals", schema: CHAIN_TRIAL_BALANCE_SCHEMA })
  @Roles('center-manager')
  chainTrialBalance(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: TrialBalanceQuery) {
    return this.queries.chainTrialBalance(principal, centerId, query);
  }

  @Get('centers/:centerId/ledger/income-statement')
  @ApiOkResponse({ description: "The chain's consolidated income statement and each station's", schema: CHAIN_INCOME_STATEMENT_SCHEMA })
  @Roles('center-manager')
  chainIncomeStatement(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: IncomeStatementQuery) {
    return this.queries.chainIncomeStatement(principal, centerId, query);
  }
}
