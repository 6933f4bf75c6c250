import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { ChangePairingHandler } from './change-pairing.handler';
import { EndPairingRequest, SetVisitAlertRequest } from './change-pairing.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/pairings/:pairingId')
export class ChangePairingController {
  constructor(private readonly handler: ChangePairingHandler) {}

  @Put('visit-alert')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The number of days without a visit that raises the alert' })
  setVisitAlert(@Param('stationId') stationId: string, @Param('pairingId') pairingId: string, @Body() body: SetVisitAlertRequest, @Ctx() context: CommandContext) {
    return this.handler.setVisitAlert(stationId, pairingId, body, context);
  }

  @Post('ending')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The pairing has ended' })
  end(@Param('stationId') stationId: string, @Param('pairingId') pairingId: string, @Body() body: EndPairingRequest, @Ctx() context: CommandContext) {
    return this.handler.end(stationId, pairingId, body, context);
  }
}
