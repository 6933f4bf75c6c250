import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { Ctx, Station } from '@kinship/tenancy';
import { AddHouseholdMemberHandler } from './add-household-member.handler';
import { AddHouseholdMemberRequest } from './add-household-member.request.dto';

@ApiTags('registry: households')
@Controller('stations/:stationId/households/:householdId/members')
export class AddHouseholdMemberController {
  constructor(private readonly handler: AddHouseholdMemberHandler) {}

  @Post()
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse })
  add(@Param('stationId') stationId: string, @Param('householdId') householdId: string, @Body() body: AddHouseholdMemberRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, householdId, body, context);
  }
}
