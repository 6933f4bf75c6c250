import { DomainError } from '@kinship/eventsourcing';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RegistryStreams } from '../../application/registry-streams';
import { Station } from '@kinship/tenancy';

@ApiTags('registry: households')
@Controller('stations/:stationId/households/:householdId')
export class GetHouseholdController {
  constructor(private readonly streams: RegistryStreams) {}

  @Get()
  @Station('read')
  @ApiOkResponse({ description: 'The household: compound, members with their relation, head' })
  async get(@Param('stationId') stationId: string, @Param('householdId') householdId: string) {
    const state = await this.streams.householdState(stationId, householdId);
    if (state.status === 'none') throw new DomainError('household-not-found', `No household ${householdId} at station ${stationId}`, 404);
    return { householdId: state.householdId, stationId: state.stationId, compound: state.compound, members: state.members, headId: state.headId ?? null };
  }
}
