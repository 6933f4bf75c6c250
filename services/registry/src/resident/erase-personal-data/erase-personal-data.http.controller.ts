import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { Ctx, Station } from '@kinship/tenancy';
import { ErasePersonalDataHandler } from './erase-personal-data.handler';
import { ErasePersonalDataRequest } from './erase-personal-data.request.dto';

@ApiTags('registry')
@Controller('stations/:stationId/residents/:residentId')
export class ErasePersonalDataController {
  constructor(private readonly handler: ErasePersonalDataHandler) {}

  @Post('erasure')
  @HttpCode(200)
  @Station('write', { roles: ['station-lead'], operator: true })
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Personal data erased (crypto-shredded) everywhere' })
  erase(@Param('stationId') stationId: string, @Param('residentId') residentId: string, @Body() body: ErasePersonalDataRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, residentId, body, context);
  }
}
