import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { RegistryStreams } from '../../application/registry-streams';
import { RecordCensusRequest } from './record-census.request.dto';

@Injectable()
export class RecordCensusHandler {
  constructor(private readonly streams: RegistryStreams) {}

  async execute(stationId: string, request: RecordCensusRequest, context: CommandContext): Promise<CommandOutcome> {
    const { asOf, households, residents } = request;
    const result = await this.streams.census(stationId, { type: 'RecordCommunityCensus', data: { stationId, asOf, households, residents } }, context);
    return RegistryStreams.outcome(result);
  }
}
