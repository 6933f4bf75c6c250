import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { ResolveCaseHandler } from './resolve-case.handler';
import { ResolveCaseRequest } from './resolve-case.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class ResolveCaseController {
  constructor(private readonly handler: ResolveCaseHandler) {}

  @Post('resolution')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: '409 while information requests, referrals or mediation sessions are still open' })
  resolve(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: ResolveCaseRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, body, context);
  }
}
