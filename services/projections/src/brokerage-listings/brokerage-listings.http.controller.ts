import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, ParseUUIDPipe, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AfterPositionQuery } from '../brokerage-shared/brokerage-query.request.dto';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { HOUSING_REQUESTS_PAGE_SCHEMA, LISTINGS_PAGE_SCHEMA, LISTING_SCHEMA, SUGGESTIONS_SCHEMA } from '../brokerage-shared/brokerage.responses';
import { BrokerageListingsQueries } from './brokerage-listings.queries';
import { ChainListingSearchQuery, HousingRequestQuery, ListingSearchQuery, SuggestionQuery } from './brokerage-listings.request.dto';

/** Listings on offer, housing requests, and the listings that fit a request: what a brokerage clerk works from. */
@ApiTags('brokerage-listings')
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class BrokerageListingsHttpController {
  constructor(private readonly queries: BrokerageListingsQueries) {}

  @Get('stations/:stationId/listings')
  @ApiOkResponse({ description: 'The listings of the station, filtered and paged', schema: LISTINGS_PAGE_SCHEMA })
  @Station('read')
  listings(@CurrentPrincipal() principal: Principal, @Param('stationId') stationId: string, @Query() query: ListingSearchQuery) {
    return this.queries.stationListings(principal, stationId, query);
  }

  @Get('stations/:stationId/listings/:listingId')
  @ApiOkResponse({ description: 'One listing with its landlord', schema: LISTING_SCHEMA })
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
  @ApiOkResponse({ description: "The listings of every station of the manager's chain, landlords masked", schema: LISTINGS_PAGE_SCHEMA })
  @Roles('center-manager')
  chainListings(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: ChainListingSearchQuery) {
    return this.queries.chainListings(principal, centerId, query);
  }

  @Get('stations/:stationId/housing-requests')
  @ApiOkResponse({ description: 'The housing requests of the station, filtered and paged', schema: HOUSING_REQUESTS_PAGE_SCHEMA })
  @Station('read')
  housingRequests(@CurrentPrincipal() principal: Principal, @Param('stationId') stationId: string, @Query() query: HousingRequestQuery) {
    return this.queries.housingRequests(principal, stationId, query);
  }

  @Get('stations/:stationId/housing-requests/:requestId/suggestions')
  @ApiOkResponse({ description: 'The request and the listings that fit it best, best first', schema: SUGGESTIONS_SCHEMA })
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
