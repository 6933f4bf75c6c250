import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { RevokeVolunteerRecordHandler } from './revoke-volunteer-record.handler';
import { RevokeVolunteerRecordRequest } from './revoke-volunteer-record.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteer-records/:serial')
export class RevokeVolunteerRecordController {
  constructor(private readonly handler: RevokeVolunteerRecordHandler) {}

  @Post('revocation')
  @HttpCode(200)
  @Station('write', { roles: ['station-lead'] })
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Revoked: a check of the serial now says so' })
  revoke(@Param('stationId') stationId: string, @Param('serial') serial: string, @Body() body: RevokeVolunteerRecordRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, serial, body, context);
  }
}
