import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CreateListingHandler } from './create-listing.handler';
import { CreateListingRequest, CreateListingResponse } from './create-listing.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/listings')
export class CreateListingController {
  constructor(private readonly handler: CreateListingHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: CreateListingResponse, description: 'The unit is on the station’s books, not yet published' })
  create(@Param('stationId') stationId: string, @Body() body: CreateListingRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
