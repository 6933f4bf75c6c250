import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { InformationRequestHandler } from './information-request.handler';
import { CloseInformationRequestRequest, InformationRequestedResponse, RequestInformationRequest } from './information-request.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId/information-requests')
export class InformationRequestController {
  constructor(private readonly handler: InformationRequestHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: InformationRequestedResponse, description: 'The SLA clock waits for the resident until the request is closed' })
  request(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: RequestInformationRequest, @Ctx() context: CommandContext) {
    return this.handler.request(stationId, caseId, body, context);
  }

  @Post(':requestId/closure')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse })
  close(
    @Param('stationId') stationId: string,
    @Param('caseId') caseId: string,
    @Param('requestId') requestId: string,
    @Body() body: CloseInformationRequestRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.close(stationId, caseId, requestId, body, context);
  }
}
