import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { MediationSessionHandler } from './mediation-session.handler';
import {
  CancelMediationSessionRequest,
  MediationSessionScheduledResponse,
  RecordMediationSessionRequest,
  ScheduleMediationSessionRequest,
} from './mediation-session.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId/mediation/sessions')
export class MediationSessionController {
  constructor(private readonly handler: MediationSessionHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: MediationSessionScheduledResponse, description: '422 unless the case is a dispute' })
  schedule(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: ScheduleMediationSessionRequest, @Ctx() context: CommandContext) {
    return this.handler.schedule(stationId, caseId, body, context);
  }

  @Post(':sessionId/record')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse })
  record(
    @Param('stationId') stationId: string,
    @Param('caseId') caseId: string,
    @Param('sessionId') sessionId: string,
    @Body() body: RecordMediationSessionRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.record(stationId, caseId, sessionId, body, context);
  }

  @Post(':sessionId/cancellation')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse })
  cancel(
    @Param('stationId') stationId: string,
    @Param('caseId') caseId: string,
    @Param('sessionId') sessionId: string,
    @Body() body: CancelMediationSessionRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.cancel(stationId, caseId, sessionId, body, context);
  }
}
