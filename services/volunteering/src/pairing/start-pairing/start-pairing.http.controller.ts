import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { StartPairingHandler } from './start-pairing.handler';
import { StartPairingRequest, StartPairingResponse } from './start-pairing.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/pairings')
export class StartPairingController {
  constructor(private readonly handler: StartPairingHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: StartPairingResponse, description: 'The volunteer is paired with the household' })
  start(@Param('stationId') stationId: string, @Body() body: StartPairingRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
