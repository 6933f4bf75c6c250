import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { EraseVolunteerHandler } from './erase-volunteer.handler';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers/:volunteerId')
export class EraseVolunteerController {
  constructor(private readonly handler: EraseVolunteerHandler) {}

  @Post('erasure')
  @HttpCode(200)
  @Station('write', { roles: ['station-lead'], operator: true })
  @ApiOkResponse({ type: CommandOutcomeResponse, description: "Erased (crypto-shredded); 409 for a resident, who is erased through the registry" })
  erase(@Param('stationId') stationId: string, @Param('volunteerId') volunteerId: string, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, volunteerId, context);
  }
}
