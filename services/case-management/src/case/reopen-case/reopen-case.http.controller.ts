import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { ReopenCaseHandler } from './reopen-case.handler';
import { ReopenCaseRequest } from './reopen-case.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class ReopenCaseController {
  constructor(private readonly handler: ReopenCaseHandler) {}

  @Post('reopening')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: "422 once the center's reopening window after the resolution has passed" })
  reopen(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: ReopenCaseRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, body, context);
  }
}
