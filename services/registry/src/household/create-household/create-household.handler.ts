import { uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { RegistryStreams } from '../../application/registry-streams';
import { CreateHouseholdRequest } from './create-household.request.dto';

@Injectable()
export class CreateHouseholdHandler {
  constructor(private readonly streams: RegistryStreams) {}

  async execute(stationId: string, request: CreateHouseholdRequest, context: CommandContext): Promise<CommandOutcome & { householdId: string }> {
    const householdId = uuidv7();
    const result = await this.streams.household(stationId, { type: 'CreateHousehold', data: { householdId, stationId, compound: request.compound } }, context);
    return { householdId, ...RegistryStreams.outcome(result) };
  }
}
