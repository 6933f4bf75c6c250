import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { HouseholdMemberRemoved } from '@kinship/contracts';
import { firstOfType, HouseholdMembership } from '../../application/household-membership';
import { RegistryStreams } from '../../application/registry-streams';

@Injectable()
export class RemoveHouseholdMemberHandler {
  constructor(
    private readonly streams: RegistryStreams,
    private readonly membership: HouseholdMembership,
  ) {}

  /** The resident's record leaves the household at once (ADR 0012). */
  async execute(stationId: string, householdId: string, residentId: string, context: CommandContext): Promise<CommandOutcome> {
    const result = await this.streams.household(stationId, { type: 'RemoveHouseholdMember', data: { householdId, residentId } }, context);
    const removed = firstOfType(result.events, HouseholdMemberRemoved.type);
    const mirrored = removed ? await this.membership.memberRemoved({ id: removed.id, stationId, residentId, householdId }, context) : 0;
    return RegistryStreams.outcome(result, mirrored);
  }
}
