import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { VolunteerStandingHandler } from './volunteer-standing.handler';
import { RecordDepartureRequest, ReinstateVolunteerRequest, SuspendVolunteerRequest } from './volunteer-standing.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers/:volunteerId')
export class VolunteerStandingController {
  constructor(private readonly handler: VolunteerStandingHandler) {}

  @Post('suspension')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Suspended: no shifts and no new pairings until reinstated' })
  suspend(@Param('stationId') stationId: string, @Param('volunteerId') volunteerId: string, @Body() body: SuspendVolunteerRequest, @Ctx() context: CommandContext) {
    return this.handler.suspend(stationId, volunteerId, body, context);
  }

  @Post('reinstatement')
  // Every field has a default, so the command may be sent without a body.
  @ApiBody({ type: ReinstateVolunteerRequest, required: false })
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Active again' })
  reinstate(@Param('stationId') stationId: string, @Param('volunteerId') volunteerId: string, @Body() body: ReinstateVolunteerRequest, @Ctx() context: CommandContext) {
    return this.handler.reinstate(stationId, volunteerId, body, context);
  }

  @Post('departure')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Left the team; their hours stay on record' })
  depart(@Param('stationId') stationId: string, @Param('volunteerId') volunteerId: string, @Body() body: RecordDepartureRequest, @Ctx() context: CommandContext) {
    return this.handler.depart(stationId, volunteerId, body, context);
  }
}
