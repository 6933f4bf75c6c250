import { EventEnvelope, registryStreams } from '@kinship/contracts';
import { DomainError, EventStore } from '@kinship/eventsourcing';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from './case-management.tokens';

export type ResidentPresence = 'unknown' | 'present' | 'moved-out' | 'transferred-out' | 'erased';

/** Where a resident stands at a station, from the registry's events on their stream there (the contracts are the schema). */
export function residentPresence(events: ReadonlyArray<Pick<EventEnvelope, 'type'>>): ResidentPresence {
  let presence: ResidentPresence = 'unknown';
  for (const event of events) {
    switch (event.type) {
      case 'registry.resident-registered':
      case 'registry.resident-transferred-in':
        presence = 'present';
        break;
      case 'registry.resident-moved-out':
        presence = 'moved-out';
        break;
      case 'registry.resident-transferred-out':
        presence = 'transferred-out';
        break;
      case 'registry.resident-personal-data-erased':
        presence = 'erased';
        break;
      default:
        break;
    }
  }
  return presence;
}

/**
 * Whether residents are registered at a station, read from the registry's streams in the shared event store:
 * always as current as the registry itself, with no copy to keep.
 */
@Injectable()
export class ResidentRegister {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async presence(stationId: string, residentId: string): Promise<ResidentPresence> {
    return residentPresence(await this.store.readStream(registryStreams.resident(stationId, residentId)));
  }

  /** Refuses (422) a resident who is not, or no longer, registered at the station. */
  async requirePresent(stationId: string, residentId: string, field = 'residentIds'): Promise<void> {
    const presence = await this.presence(stationId, residentId);
    if (presence !== 'present') {
      throw new DomainError('resident-not-registered-here', `Resident ${residentId} is not registered at station ${stationId}`, 422, {
        field,
        residentId,
        presence,
      });
    }
  }
}
