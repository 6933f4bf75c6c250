import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { MediationAgreementHandler } from './mediation-agreement.handler';
import {
  AgreementReachedResponse,
  CheckDutyRequest,
  ReachMediationAgreementRequest,
  RecordCourtConfirmationRequestRequest,
} from './mediation-agreement.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId/mediation')
export class MediationAgreementController {
  constructor(private readonly handler: MediationAgreementHandler) {}

  @Post('agreement')
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: AgreementReachedResponse, description: '409 unless reached at a session that was held' })
  reach(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: ReachMediationAgreementRequest, @Ctx() context: CommandContext) {
    return this.handler.reach(stationId, caseId, body, context);
  }

  @Post('duties/:dutyId/checks')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'A follow-up check of one duty; fulfilled or failed settles it' })
  check(
    @Param('stationId') stationId: string,
    @Param('caseId') caseId: string,
    @Param('dutyId') dutyId: string,
    @Body() body: CheckDutyRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.checkDuty(stationId, caseId, dutyId, body, context);
  }

  @Post('court-confirmation')
  // Every field has a default, so the command may be sent without a body.
  @ApiBody({ type: RecordCourtConfirmationRequestRequest, required: false })
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The parties asked a court to confirm the agreement (司法确认); 422 after its window' })
  requestCourtConfirmation(
    @Param('stationId') stationId: string,
    @Param('caseId') caseId: string,
    @Body() body: RecordCourtConfirmationRequestRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.requestCourtConfirmation(stationId, caseId, body, context);
  }
}
