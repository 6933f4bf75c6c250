import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, ParseUUIDPipe, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AfterPositionQuery } from '../brokerage-shared/brokerage-query.request.dto';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { INVOICES_PAGE_SCHEMA, LEASES_PAGE_SCHEMA, LEASE_SCHEMA } from '../brokerage-shared/brokerage.responses';
import { BrokerageLeasesQueries } from './brokerage-leases.queries';
import { ChainLeaseQuery, InvoiceQuery, LeaseQuery } from './brokerage-leases.request.dto';

/** Leases brokered and the fee invoices they gave rise to. */
@ApiTags('brokerage-leases')
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class BrokerageLeasesHttpController {
  constructor(private readonly queries: BrokerageLeasesQueries) {}

  @Get('stations/:stationId/leases')
  @ApiOkResponse({ description: 'The leases the station brokered, paged', schema: LEASES_PAGE_SCHEMA })
  @Station('read')
  leases(@Param('stationId') stationId: string, @Query() query: LeaseQuery) {
    return this.queries.stationLeases(stationId, query);
  }

  @Get('stations/:stationId/leases/:leaseId')
  @ApiOkResponse({ description: 'One lease with its address and fee invoices', schema: LEASE_SCHEMA })
  @Station('read')
  lease(
    @CurrentPrincipal() principal: Principal,
    @Param('stationId') stationId: string,
    @Param('leaseId', ParseUUIDPipe) leaseId: string,
    @Query() query: AfterPositionQuery,
  ) {
    return this.queries.lease(principal, stationId, leaseId, query.afterPosition);
  }

  @Get('centers/:centerId/leases')
  @ApiOkResponse({ description: "The leases of every station of the manager's chain", schema: LEASES_PAGE_SCHEMA })
  @Roles('center-manager')
  chainLeases(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: ChainLeaseQuery) {
    return this.queries.chainLeases(principal, centerId, query);
  }

  @Get('stations/:stationId/invoices')
  @ApiOkResponse({ description: 'The fee invoices of the station, paged', schema: INVOICES_PAGE_SCHEMA })
  @Station('read')
  invoices(@CurrentPrincipal() principal: Principal, @Param('stationId') stationId: string, @Query() query: InvoiceQuery) {
    return this.queries.invoices(principal, stationId, query);
  }
}
