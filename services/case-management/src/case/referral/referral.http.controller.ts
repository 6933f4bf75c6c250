import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { ReferralHandler } from './referral.handler';
import { CaseReferredResponse, CloseReferralRequest, ReferCaseRequest } from './referral.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId/referrals')
export class ReferralController {
  constructor(private readonly handler: ReferralHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: CaseReferredResponse, description: '422 when the residents did not consent to sharing with that department' })
  refer(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: ReferCaseRequest, @Ctx() context: CommandContext) {
    return this.handler.refer(stationId, caseId, body, context);
  }

  @Post(':referralId/closure')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse })
  close(
    @Param('stationId') stationId: string,
    @Param('caseId') caseId: string,
    @Param('referralId') referralId: string,
    @Body() body: CloseReferralRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.close(stationId, caseId, referralId, body, context);
  }
}
