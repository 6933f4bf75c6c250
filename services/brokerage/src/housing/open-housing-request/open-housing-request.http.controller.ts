import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { OpenHousingRequestHandler } from './open-housing-request.handler';
import { OpenHousingRequestRequest, OpenHousingRequestResponse } from './open-housing-request.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/residents/:residentId/housing-requests')
export class OpenHousingRequestController {
  constructor(private readonly handler: OpenHousingRequestHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: OpenHousingRequestResponse, description: 'The resident is looking for housing; 409 when a request is already open' })
  open(
    @Param('stationId') stationId: string,
    @Param('residentId', ParseUUIDPipe) residentId: string,
    @Body() body: OpenHousingRequestRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, residentId, body, context);
  }
}
