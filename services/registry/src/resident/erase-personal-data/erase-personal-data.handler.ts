import { DomainError } from '@kinship/eventsourcing';
import { KeyStore } from '@kinship/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { ResidentPersonalDataErased } from '@kinship/contracts';
import { firstOfType, HouseholdMembership } from '../../application/household-membership';
import { RegistryStreams } from '../../application/registry-streams';
import { KEY_STORE } from '../../application/registry.tokens';
import { ErasePersonalDataRequest } from './erase-personal-data.request.dto';

/**
 * Erases a person (crypto-shredding, ADR 0004): the erasure event is appended first so every read model drops
 * the person's data, then the data key is destroyed so no copy of the ciphertext can ever be read again, then the
 * person is taken off their household's member list (ADR 0012) and the ID-number claim is released. Repeating the
 * request finishes whatever an interrupted one left undone.
 */
@Injectable()
export class ErasePersonalDataHandler {
  constructor(
    private readonly streams: RegistryStreams,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly membership: HouseholdMembership,
  ) {}

  async execute(stationId: string, residentId: string, request: ErasePersonalDataRequest, context: CommandContext): Promise<CommandOutcome> {
    const before = await this.streams.residentState(stationId, residentId);
    if (before.status === 'unregistered') {
      throw new DomainError('resident-not-found', `No resident ${residentId} at station ${stationId}`, 404);
    }
    const result = await this.streams.resident(
      stationId,
      { type: 'ErasePersonalData', data: { residentId, requestedBy: request.requestedBy, reason: request.reason } },
      context,
    );
    await this.keys.erase(residentId);
    const erasure = firstOfType(result.events, ResidentPersonalDataErased.type);
    const left = erasure ? await this.membership.residentDeparted({ id: erasure.id, stationId, residentId }, context) : 0;
    // Read after the erasure, not before: a correction of the ID number that committed meanwhile moved the claim.
    const erased = await this.streams.residentState(stationId, residentId);
    if (erased.status === 'erased') {
      const { idNumberHash } = erased;
      const claim = await this.streams.idNumberClaimState(idNumberHash);
      if (claim.status === 'claimed' && claim.residentId === residentId) {
        await this.streams.idNumberClaim(idNumberHash, { type: 'ReleaseIdNumber', data: { idNumberHash, residentId } }, context);
      }
    }
    return RegistryStreams.outcome(result, left);
  }
}
