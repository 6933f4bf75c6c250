import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { ChangePriorityHandler } from './change-priority.handler';
import { ChangePriorityRequest } from './change-priority.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class ChangePriorityController {
  constructor(private readonly handler: ChangePriorityHandler) {}

  @Post('priority')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse })
  change(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: ChangePriorityRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, body, context);
  }
}
