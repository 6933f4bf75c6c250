import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { ReviewHoursHandler } from './review-hours.handler';
import { CoSignHoursRequest, RejectHoursRequest } from './review-hours.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers/:volunteerId/hours/:entryId')
export class ReviewHoursController {
  constructor(private readonly handler: ReviewHoursHandler) {}

  @Post('verification')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Verified by station staff' })
  verify(@Param('stationId') stationId: string, @Param('volunteerId') volunteerId: string, @Param('entryId') entryId: string, @Ctx() context: CommandContext) {
    return this.handler.verify(stationId, volunteerId, entryId, context);
  }

  @Post('co-signature')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Co-signed by the household served' })
  coSign(
    @Param('stationId') stationId: string,
    @Param('volunteerId') volunteerId: string,
    @Param('entryId') entryId: string,
    @Body() body: CoSignHoursRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.coSign(stationId, volunteerId, entryId, body, context);
  }

  @Post('rejection')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Rejected: counts nothing' })
  reject(
    @Param('stationId') stationId: string,
    @Param('volunteerId') volunteerId: string,
    @Param('entryId') entryId: string,
    @Body() body: RejectHoursRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.reject(stationId, volunteerId, entryId, body, context);
  }
}
