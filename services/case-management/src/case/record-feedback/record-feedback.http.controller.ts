import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { RecordFeedbackHandler } from './record-feedback.handler';
import { RecordFeedbackRequest } from './record-feedback.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class RecordFeedbackController {
  constructor(private readonly handler: RecordFeedbackHandler) {}

  @Post('feedback')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Recorded on the latest resolution' })
  record(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: RecordFeedbackRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, body, context);
  }
}
