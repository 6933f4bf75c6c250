import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { RegistryStreams } from '../../application/registry-streams';
import { SetHouseholdHeadRequest } from './set-household-head.request.dto';

@Injectable()
export class SetHouseholdHeadHandler {
  constructor(private readonly streams: RegistryStreams) {}

  async execute(stationId: string, householdId: string, request: SetHouseholdHeadRequest, context: CommandContext): Promise<CommandOutcome> {
    const result = await this.streams.household(stationId, { type: 'SetHouseholdHead', data: { householdId, residentId: request.residentId } }, context);
    return RegistryStreams.outcome(result);
  }
}
