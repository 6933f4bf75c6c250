import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { Ctx, Station } from '@kinship/tenancy';
import { RemoveHouseholdMemberHandler } from './remove-household-member.handler';

@ApiTags('registry: households')
@Controller('stations/:stationId/households/:householdId/members')
export class RemoveHouseholdMemberController {
  constructor(private readonly handler: RemoveHouseholdMemberHandler) {}

  @Delete(':residentId')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse })
  remove(@Param('stationId') stationId: string, @Param('householdId') householdId: string, @Param('residentId') residentId: string, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, householdId, residentId, context);
  }
}
