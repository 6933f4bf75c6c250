import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { UpdateVolunteerProfileHandler } from './update-volunteer-profile.handler';
import { UpdateVolunteerProfileRequest } from './update-volunteer-profile.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers/:volunteerId')
export class UpdateVolunteerProfileController {
  constructor(private readonly handler: UpdateVolunteerProfileHandler) {}

  @Put('profile')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Profile updated (unchanged fields record nothing)' })
  update(
    @Param('stationId') stationId: string,
    @Param('volunteerId') volunteerId: string,
    @Body() body: UpdateVolunteerProfileRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, volunteerId, body, context);
  }
}
