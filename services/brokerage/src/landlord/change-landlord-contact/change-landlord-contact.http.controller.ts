import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/request-types';
import { LandlordContactRequest } from '../register-landlord/register-landlord.request.dto';
import { ChangeLandlordContactHandler } from './change-landlord-contact.handler';

@ApiTags('brokerage')
@Controller('stations/:stationId/landlords/:landlordId')
export class ChangeLandlordContactController {
  constructor(private readonly handler: ChangeLandlordContactHandler) {}

  @Post('contact')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The landlord’s new contact, encrypted under their key' })
  change(
    @Param('stationId') stationId: string,
    @Param('landlordId', ParseUUIDPipe) landlordId: string,
    @Body() body: LandlordContactRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, landlordId, body, context);
  }
}
