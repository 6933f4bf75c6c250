import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { AssignCaseHandler } from './assign-case.handler';
import { AssignCaseRequest } from './assign-case.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class AssignCaseController {
  constructor(private readonly handler: AssignCaseHandler) {}

  @Post('assignment')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Assigned or reassigned; 409 when already assigned to that person' })
  assign(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: AssignCaseRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, body, context);
  }
}
