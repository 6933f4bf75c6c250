import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { CloseCaseHandler } from './close-case.handler';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class CloseCaseController {
  constructor(private readonly handler: CloseCaseHandler) {}

  @Post('closure')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: '409 without feedback (or a recorded refusal), or while a duty of the agreement is open' })
  close(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, context);
  }
}
