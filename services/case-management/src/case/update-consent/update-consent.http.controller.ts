import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { UpdateConsentHandler } from './update-consent.handler';
import { UpdateConsentRequest } from './update-consent.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class UpdateConsentController {
  constructor(private readonly handler: UpdateConsentHandler) {}

  @Post('consent')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The consent scope for sharing with departments is replaced' })
  update(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: UpdateConsentRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, body, context);
  }
}
