import { DomainError } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { RegistryStreams } from '../../application/registry-streams';
import { AddHouseholdMemberRequest } from './add-household-member.request.dto';

@Injectable()
export class AddHouseholdMemberHandler {
  constructor(private readonly streams: RegistryStreams) {}

  /** Only a resident living at this station can join one of its households. */
  async execute(stationId: string, householdId: string, request: AddHouseholdMemberRequest, context: CommandContext): Promise<CommandOutcome> {
    const resident = await this.streams.residentState(stationId, request.residentId);
    if (resident.status !== 'present') {
      throw new DomainError('resident-not-present', `Resident ${request.residentId} does not live at station ${stationId}`, 422, {
        status: resident.status,
      });
    }
    const result = await this.streams.household(
      stationId,
      { type: 'AddHouseholdMember', data: { householdId, residentId: request.residentId, relation: request.relation } },
      context,
    );
    return RegistryStreams.outcome(result);
  }
}
