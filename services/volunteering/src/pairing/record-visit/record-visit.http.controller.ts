import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RecordVisitHandler } from './record-visit.handler';
import { RecordVisitRequest, RecordVisitResponse } from './record-visit.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/pairings/:pairingId/visits')
export class RecordVisitController {
  constructor(private readonly handler: RecordVisitHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: RecordVisitResponse, description: "Visit recorded; its time goes to the volunteer's hours" })
  record(@Param('stationId') stationId: string, @Param('pairingId') pairingId: string, @Body() body: RecordVisitRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, pairingId, body, context);
  }
}
