import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { Ctx, Station } from '@kinship/tenancy';
import { TransferResidentHandler } from './transfer-resident.handler';
import { TransferResidentRequest } from './transfer-resident.request.dto';

@ApiTags('registry')
@Controller('stations/:stationId/residents/:residentId')
export class TransferResidentController {
  constructor(private readonly handler: TransferResidentHandler) {}

  @Post('transfer')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Transferred; the position is that of the arrival at the receiving station' })
  transfer(@Param('stationId') stationId: string, @Param('residentId') residentId: string, @Body() body: TransferResidentRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, residentId, body, context);
  }
}
