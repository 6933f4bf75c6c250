import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { RecordCensusHandler } from './record-census.handler';
import { RecordCensusRequest } from './record-census.request.dto';

@ApiTags('registry: census')
@Controller('stations/:stationId/census')
export class RecordCensusController {
  constructor(private readonly handler: RecordCensusHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write', { roles: ['station-lead'] })
  @ApiCreatedResponse({
    type: CommandOutcomeResponse,
    description: 'Recorded; 422 when as of a future day or with more households than residents, 409 when not after the last census',
  })
  record(@Param('stationId') stationId: string, @Body() body: RecordCensusRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
