import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { RegistryStreams } from '../../application/registry-streams';
import { MoveOutRequest } from './move-out.request.dto';

@Injectable()
export class MoveOutHandler {
  constructor(private readonly streams: RegistryStreams) {}

  async execute(stationId: string, residentId: string, request: MoveOutRequest, context: CommandContext): Promise<CommandOutcome> {
    const result = await this.streams.resident(
      stationId,
      { type: 'MoveOut', data: { residentId, movedOutOn: request.movedOutOn, reason: request.reason } },
      context,
    );
    return RegistryStreams.outcome(result);
  }
}
