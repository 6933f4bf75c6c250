import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { HoursDisputeHandler } from './hours-dispute.handler';
import { CorrectHoursRequest, DisputeHoursRequest } from './hours-dispute.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers/:volunteerId/hours/:entryId')
export class HoursDisputeController {
  constructor(private readonly handler: HoursDisputeHandler) {}

  @Post('dispute')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Verified hours put in dispute' })
  dispute(
    @Param('stationId') stationId: string,
    @Param('volunteerId') volunteerId: string,
    @Param('entryId') entryId: string,
    @Body() body: DisputeHoursRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.dispute(stationId, volunteerId, entryId, body, context);
  }

  @Post('correction')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Dispute settled with corrected figures' })
  correct(
    @Param('stationId') stationId: string,
    @Param('volunteerId') volunteerId: string,
    @Param('entryId') entryId: string,
    @Body() body: CorrectHoursRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.correct(stationId, volunteerId, entryId, body, context);
  }

  @Post('dispute-dismissal')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Dispute settled: the hours stand as they were' })
  dismiss(@Param('stationId') stationId: string, @Param('volunteerId') volunteerId: string, @Param('entryId') entryId: string, @Ctx() context: CommandContext) {
    return this.handler.dismiss(stationId, volunteerId, entryId, context);
  }
}
