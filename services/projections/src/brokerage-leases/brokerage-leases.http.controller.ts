import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, ParseUUIDPipe, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterPositionQuery } from '../brokerage-shared/brokerage-query.request.dto';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { BrokerageLeasesQueries } from './brokerage-leases.queries';
import { ChainLeaseQuery, InvoiceQuery, LeaseQuery } from './brokerage-leases.request.dto';

/** Leases brokered and the fee invoices they gave rise to. */
@ApiTags('brokerage-leases')
@ApiBearerAuth()
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class BrokerageLeasesHttpController {
  constructor(private readonly queries: BrokerageLeasesQueries) {}

  @Get('stations/:stationId/leases')
  @Station('read')
  leases(@Param('stationId') stationId: string, @Query() query: LeaseQuery) {
    return this.queries.stationLeases(stationId, query);
  }

  @Get('stations/:stationId/leases/:leaseId')
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
  @Roles('center-manager')
  chainLeases(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: ChainLeaseQuery) {
    return this.queries.chainLeases(principal, centerId, query);
  }

  @Get('stations/:stationId/invoices')
  @Station('read')
  invoices(@CurrentPrincipal() principal: Principal, @Param('stationId') stationId: string, @Query() query: InvoiceQuery) {
    return this.queries.invoices(principal, stationId, query);
  }
}
