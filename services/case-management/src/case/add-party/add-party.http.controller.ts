import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AddPartyHandler } from './add-party.handler';
import { AddPartyRequest, PartyAddedResponse } from './add-party.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class AddPartyController {
  constructor(private readonly handler: AddPartyHandler) {}

  @Post('parties')
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: PartyAddedResponse, description: '422 unless the case is a dispute' })
  add(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: AddPartyRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, body, context);
  }
}
