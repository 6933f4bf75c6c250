import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/request-types';
import { HousingFileHandler } from '../housing-file.handler';
import { WithdrawHousingRequestRequest } from './withdraw-housing-request.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/residents/:residentId/housing-requests/:requestId')
export class WithdrawHousingRequestController {
  constructor(private readonly handler: HousingFileHandler) {}

  @Post('withdrawal')
  // Every field has a default, so the command may be sent without a body.
  @ApiBody({ type: WithdrawHousingRequestRequest, required: false })
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The resident no longer looks for housing through the station' })
  withdraw(
    @Param('stationId') stationId: string,
    @Param('residentId', ParseUUIDPipe) residentId: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() body: WithdrawHousingRequestRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, { type: 'CloseHousingRequest', data: { requestId, residentId, outcome: 'withdrawn', closedOn: body.on } }, context);
  }
}
