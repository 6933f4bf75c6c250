import { brokerageStreams, EventEnvelope, ResidentPersonalDataErased } from '@kinship/contracts';
import { deterministicUuid } from '@kinship/eventsourcing';
import { ORG_DIRECTORY, OrgDirectoryReader } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../application/brokerage-streams';
import { reactionContext } from '../application/reaction-context';
import { housingFileDecider } from '../housing/housing-file.decider';
import { Reaction } from './reaction';

/**
 * A resident erased in the registry is erased here too. Their key is already gone, so every ciphertext the brokerage
 * holds of them (notes, lease addresses, hardship justifications) is unreadable; what is left is to close their
 * housing files, at every station they ever asked for housing, so nothing is ever written about them again and the
 * read models drop what they copied.
 */
@Injectable()
export class ResidentErasureReaction implements Reaction {
  readonly group = 'brokerage.resident-erasure';
  readonly categories = ['resident'] as const;

  constructor(
    private readonly streams: BrokerageStreams,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (event.type !== ResidentPersonalDataErased.type) return;
    const { residentId } = ResidentPersonalDataErased.schema.parse(event.data);
    for (const station of this.directory.list()) {
      if (station.kind !== 'station') continue;
      const streamId = brokerageStreams.housingFile(station.id, residentId);
      if (!(await this.streams.exists(streamId))) continue;
      await this.streams.run(
        housingFileDecider,
        streamId,
        station.id,
        { type: 'EraseHousingFile', data: { residentId } },
        reactionContext(event),
        { eventIds: [deterministicUuid(event.id, `brokerage.housing-file-erased/${station.id}`)], causationId: event.id },
      );
    }
  }
}
