import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CaseStreams } from '../../application/case-streams';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { HandOverCaseHandler } from './hand-over-case.handler';
import { HandOverCaseRequest } from './hand-over-case.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class HandOverCaseController {
  constructor(private readonly handler: HandOverCaseHandler) {}

  @Post('hand-over')
  @HttpCode(200)
  @Station('write', { roles: ['station-lead'] })
  @ApiOkResponse({ type: CommandOutcomeResponse, description: "The station lead hands the case over; the position is that of its arrival at the receiving station" })
  async hand(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: HandOverCaseRequest, @Ctx() context: CommandContext) {
    return CaseStreams.outcome(await this.handler.execute(stationId, caseId, body.toStationId, context, { cause: 'station-decision' }));
  }
}
