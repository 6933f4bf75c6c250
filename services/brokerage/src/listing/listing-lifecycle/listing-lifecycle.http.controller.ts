import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/request-types';
import { ListingLifecycleHandler } from './listing-lifecycle.handler';
import { ChangeListingPriceRequest, ListingDateRequest, WithdrawListingRequest } from './listing-lifecycle.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/listings/:listingId')
export class ListingLifecycleController {
  constructor(private readonly handler: ListingLifecycleHandler) {}

  @Post('publication')
  // Every field has a default, so the command may be sent without a body.
  @ApiBody({ type: ListingDateRequest, required: false })
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'On offer: residents’ requests are matched against it' })
  publish(
    @Param('stationId') stationId: string,
    @Param('listingId', ParseUUIDPipe) listingId: string,
    @Body() body: ListingDateRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, { type: 'PublishListing', data: { listingId, publishedOn: body.on } }, context);
  }

  @Post('price')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The rent (and deposit) asked from now on' })
  changePrice(
    @Param('stationId') stationId: string,
    @Param('listingId', ParseUUIDPipe) listingId: string,
    @Body() body: ChangeListingPriceRequest,
    @Ctx() context: CommandContext,
  ) {
    const data = { listingId, monthlyRentFen: body.monthlyRentFen, depositFen: body.depositFen, changedOn: body.on };
    return this.handler.execute(stationId, { type: 'ChangeListingPrice', data }, context);
  }

  @Post('withdrawal')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Off the market; it may be published again' })
  withdraw(
    @Param('stationId') stationId: string,
    @Param('listingId', ParseUUIDPipe) listingId: string,
    @Body() body: WithdrawListingRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, { type: 'WithdrawListing', data: { listingId, reason: body.reason, withdrawnOn: body.on } }, context);
  }

  @Post('let')
  // Every field has a default, so the command may be sent without a body.
  @ApiBody({ type: ListingDateRequest, required: false })
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Let outside the station’s brokerage (a lease signed here marks it let itself)' })
  markLet(
    @Param('stationId') stationId: string,
    @Param('listingId', ParseUUIDPipe) listingId: string,
    @Body() body: ListingDateRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, { type: 'MarkListingLet', data: { listingId, leaseId: null, letOn: body.on } }, context);
  }

  @Post('vacancy')
  // Every field has a default, so the command may be sent without a body.
  @ApiBody({ type: ListingDateRequest, required: false })
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Free again, unlisted until published anew' })
  vacate(
    @Param('stationId') stationId: string,
    @Param('listingId', ParseUUIDPipe) listingId: string,
    @Body() body: ListingDateRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, { type: 'VacateListing', data: { listingId, leaseId: null, vacatedOn: body.on } }, context);
  }
}
