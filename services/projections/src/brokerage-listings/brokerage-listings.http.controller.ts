import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, ParseUUIDPipe, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterPositionQuery } from '../brokerage-shared/brokerage-query.request.dto';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { BrokerageListingsQueries } from './brokerage-listings.queries';
import { ChainListingSearchQuery, HousingRequestQuery, ListingSearchQuery, SuggestionQuery } from './brokerage-listings.request.dto';

/** Listings on offer, housing requests, and the listings that fit a request: what a brokerage clerk works from. */
@ApiTags('brokerage-listings')
@ApiBearerAuth()
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class BrokerageListingsHttpController {
  constructor(private readonly queries: BrokerageListingsQueries) {}

  @Get('stations/:stationId/listings')
  @Station('read')
  listings(@CurrentPrincipal() principal: Principal, @Param('stationId') stationId: string, @Query() query: ListingSearchQuery) {
    return this.queries.stationListings(principal, stationId, query);
  }

  @Get('stations/:stationId/listings/:listingId')
  @Station('read')
  listing(
    @CurrentPrincipal() principal: Principal,
    @Param('stationId') stationId: string,
    @Param('listingId', ParseUUIDPipe) listingId: string,
    @Query() query: AfterPositionQuery,
  ) {
    return this.queries.listing(principal, stationId, listingId, query.afterPosition);
  }

  @Get('centers/:centerId/listings')
  @Roles('center-manager')
  chainListings(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: ChainListingSearchQuery) {
    return this.queries.chainListings(principal, centerId, query);
  }

  @Get('stations/:stationId/housing-requests')
  @Station('read')
  housingRequests(@CurrentPrincipal() principal: Principal, @Param('stationId') stationId: string, @Query() query: HousingRequestQuery) {
    return this.queries.housingRequests(principal, stationId, query);
  }

  @Get('stations/:stationId/housing-requests/:requestId/suggestions')
  @Station('read')
  suggestions(
    @CurrentPrincipal() principal: Principal,
    @Param('stationId') stationId: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Query() query: SuggestionQuery,
  ) {
    return this.queries.suggestions(principal, stationId, requestId, query);
  }
}
