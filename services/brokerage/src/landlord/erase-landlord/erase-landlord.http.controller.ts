import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/request-types';
import { EraseLandlordHandler } from './erase-landlord.handler';
import { EraseLandlordRequest } from './erase-landlord.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/landlords/:landlordId')
export class EraseLandlordController {
  constructor(private readonly handler: EraseLandlordHandler) {}

  @Post('erasure')
  @HttpCode(200)
  @Station('write', { roles: ['station-lead'], operator: true })
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The landlord’s personal data can no longer be read anywhere' })
  erase(
    @Param('stationId') stationId: string,
    @Param('landlordId', ParseUUIDPipe) landlordId: string,
    @Body() body: EraseLandlordRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, landlordId, body, context);
  }
}
