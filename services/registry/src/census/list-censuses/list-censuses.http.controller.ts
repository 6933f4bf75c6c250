import { Station } from '@kinship/tenancy';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RegistryStreams } from '../../application/registry-streams';
import { CensusView } from '../record-census/record-census.request.dto';

@ApiTags('registry: census')
@Controller('stations/:stationId/census')
export class ListCensusesController {
  constructor(private readonly streams: RegistryStreams) {}

  @Get()
  @Station('read')
  @ApiOkResponse({ type: [CensusView], description: "The station's community censuses, the newest first" })
  async list(@Param('stationId') stationId: string): Promise<CensusView[]> {
    const history = await this.streams.censusHistory(stationId);
    return history.reverse();
  }
}
