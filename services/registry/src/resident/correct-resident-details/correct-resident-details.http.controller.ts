import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { Ctx, Station } from '@kinship/tenancy';
import { CorrectResidentDetailsHandler } from './correct-resident-details.handler';
import { CorrectResidentDetailsRequest } from './correct-resident-details.request.dto';

@ApiTags('registry')
@Controller('stations/:stationId/residents/:residentId')
export class CorrectResidentDetailsController {
  constructor(private readonly handler: CorrectResidentDetailsHandler) {}

  @Post('corrections')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Details corrected; the personal document is re-encrypted' })
  correct(@Param('stationId') stationId: string, @Param('residentId') residentId: string, @Body() body: CorrectResidentDetailsRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, residentId, body, context);
  }
}
