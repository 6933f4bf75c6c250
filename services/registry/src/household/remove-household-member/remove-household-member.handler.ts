import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { RegistryStreams } from '../../application/registry-streams';

@Injectable()
export class RemoveHouseholdMemberHandler {
  constructor(private readonly streams: RegistryStreams) {}

  async execute(stationId: string, householdId: string, residentId: string, context: CommandContext): Promise<CommandOutcome> {
    const result = await this.streams.household(stationId, { type: 'RemoveHouseholdMember', data: { householdId, residentId } }, context);
    return RegistryStreams.outcome(result);
  }
}
