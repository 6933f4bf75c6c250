import { DomainError } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { HouseholdMemberAdded } from '@kinship/contracts';
import { firstOfType, HouseholdMembership } from '../../application/household-membership';
import { RegistryStreams } from '../../application/registry-streams';
import { AddHouseholdMemberRequest } from './add-household-member.request.dto';

@Injectable()
export class AddHouseholdMemberHandler {
  constructor(
    private readonly streams: RegistryStreams,
    private readonly membership: HouseholdMembership,
  ) {}

  /**
   * Only a resident living at this station, and in no other household, can join one of its households. The
   * resident's record follows at once (ADR 0012).
   */
  async execute(stationId: string, householdId: string, request: AddHouseholdMemberRequest, context: CommandContext): Promise<CommandOutcome> {
    const resident = await this.streams.residentState(stationId, request.residentId);
    if (resident.status !== 'present') {
      throw new DomainError('resident-not-present', `Resident ${request.residentId} does not live at station ${stationId}`, 422, {
        status: resident.status,
      });
    }
    const current = resident.resident.householdId;
    if (current !== undefined && current !== householdId) {
      throw new DomainError('resident-in-another-household', 'The resident belongs to another household; remove them from it first', 409, {
        householdId: current,
      });
    }
    const result = await this.streams.household(
      stationId,
      { type: 'AddHouseholdMember', data: { householdId, residentId: request.residentId, relation: request.relation } },
      context,
    );
    const added = firstOfType(result.events, HouseholdMemberAdded.type);
    const mirrored = added ? await this.membership.memberAdded({ id: added.id, stationId, residentId: request.residentId, householdId }, context) : 0;
    return RegistryStreams.outcome(result, mirrored);
  }
}
