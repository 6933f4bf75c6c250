import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { EscalateCaseHandler } from './escalate-case.handler';
import { EscalateCaseRequest } from './escalate-case.request.dto';

/** A worker escalates to the station lead; the station lead escalates to the service center. */
@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId/escalation')
export class EscalateCaseController {
  constructor(private readonly handler: EscalateCaseHandler) {}

  @Post('station-lead')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse })
  toStationLead(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: EscalateCaseRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, 'station-lead', body, context);
  }

  @Post('service-center')
  @HttpCode(200)
  @Station('write', { roles: ['station-lead'] })
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Only the station lead escalates to the service center' })
  toServiceCenter(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: EscalateCaseRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, 'service-center', body, context);
  }
}
