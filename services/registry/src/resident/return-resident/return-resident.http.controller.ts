import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { ReturnResidentHandler } from './return-resident.handler';
import { ReturnResidentRequest } from './return-resident.request.dto';

@ApiTags('registry')
@Controller('stations/:stationId/residents/:residentId')
export class ReturnResidentController {
  constructor(private readonly handler: ReturnResidentHandler) {}

  @Post('return')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({
    type: CommandOutcomeResponse,
    description: 'Back at this station; 409 when the resident did not move out, or their current record is at another station',
  })
  returnResident(
    @Param('stationId') stationId: string,
    @Param('residentId') residentId: string,
    @Body() body: ReturnResidentRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, residentId, body, context);
  }
}
