import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { AmendHoursHandler } from './amend-hours.handler';
import { AmendHoursRequest } from './amend-hours.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers/:volunteerId/hours/:entryId')
export class AmendHoursController {
  constructor(private readonly handler: AmendHoursHandler) {}

  @Post('amendment')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Pending hours amended; 409 verified-hours-cannot-be-edited once vouched for' })
  amend(
    @Param('stationId') stationId: string,
    @Param('volunteerId') volunteerId: string,
    @Param('entryId') entryId: string,
    @Body() body: AmendHoursRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, volunteerId, entryId, body, context);
  }
}
