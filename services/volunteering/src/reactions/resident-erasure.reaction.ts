import { EventEnvelope, registryStreams, ResidentPersonalDataErased, streamCategory } from '@kinship/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { VolunteeringStreams } from '../application/volunteering-streams';
import { reactionContext, reactionEventIds, unlessRefused } from './reaction-context';

const NAMESPACE = 'c7b3e9a1-2f58-5d04-8a6e-9f1b3c5d7e20';

/**
 * A resident erased in the registry is erased here too. Their fields were encrypted under their key, which the
 * registry destroys, so they are already unreadable; this records it on every stream that held them (found
 * through the resident's links), so the read models drop the data and no command writes about them again.
 */
@Injectable()
export class ResidentErasureReaction {
  readonly group = 'volunteering.resident-erasure';
  readonly categories = [streamCategory(registryStreams.resident('station', 'resident'))];
  private readonly logger = new Logger('ResidentErasureReaction');

  constructor(private readonly streams: VolunteeringStreams) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (event.type !== ResidentPersonalDataErased.type) return;
    const { residentId } = ResidentPersonalDataErased.schema.parse(event.data);
    const { links } = await this.streams.residentLinkState(residentId);
    const context = reactionContext(event);
    for (const { stationId, link } of links) {
      const target = link.kind === 'volunteer' ? link.volunteerId : link.pairingId;
      const options = { eventIds: reactionEventIds(NAMESPACE, event, target), causationId: event.id };
      await unlessRefused(
        () =>
          link.kind === 'volunteer'
            ? this.streams.volunteer(stationId, { type: 'EraseVolunteerPersonalData', data: { volunteerId: link.volunteerId, cause: 'resident-erased' } }, context, options)
            : this.streams.pairing(stationId, { type: 'EraseBeneficiaryData', data: { pairingId: link.pairingId } }, context, options),
        this.logger,
        event,
      );
    }
  }
}
