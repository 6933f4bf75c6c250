import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { ResidentMovedOut } from '@kinship/contracts';
import { firstOfType, HouseholdMembership } from '../../application/household-membership';
import { RegistryStreams } from '../../application/registry-streams';
import { MoveOutRequest } from './move-out.request.dto';

/**
 * Records that a resident moved out of the community, then notes it on their ID-number claim: the number stays
 * theirs (one registration per person in the district), and a later registration of it is told to record the
 * resident's return instead. A household of the station keeps only people living there, so the resident leaves
 * theirs (ADR 0012). Both steps are idempotent, so repeating a move-out that was interrupted completes it.
 */
@Injectable()
export class MoveOutHandler {
  constructor(
    private readonly streams: RegistryStreams,
    private readonly membership: HouseholdMembership,
  ) {}

  async execute(stationId: string, residentId: string, request: MoveOutRequest, context: CommandContext): Promise<CommandOutcome> {
    const result = await this.streams.resident(
      stationId,
      { type: 'MoveOut', data: { residentId, movedOutOn: request.movedOutOn, reason: request.reason } },
      context,
    );
    const movedOut = firstOfType(result.events, ResidentMovedOut.type);
    const left = movedOut ? await this.membership.residentDeparted({ id: movedOut.id, stationId, residentId }, context) : 0;
    const after = await this.streams.residentState(stationId, residentId);
    if (after.status === 'moved-out') {
      const { idNumberHash } = after.resident;
      await this.streams.idNumberClaim(
        idNumberHash,
        { type: 'RecordHolderMovedOut', data: { idNumberHash, residentId, stationId, movedOutOn: after.movedOutOn } },
        context,
      );
    }
    return RegistryStreams.outcome(result, left);
  }
}
