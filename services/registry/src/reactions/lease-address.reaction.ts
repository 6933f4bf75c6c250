import { EventEnvelope, leaseAddressSchema, LeaseSigned, residentPersonalDataSchema } from '@kinship/contracts';
import { CommandContext, deterministicUuid } from '@kinship/eventsourcing';
import { MessageBus } from '@kinship/messaging';
import { FieldCipher } from '@kinship/privacy';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { RegistryStreams } from '../application/registry-streams';
import { FIELD_CIPHER } from '../application/registry.tokens';
import { stationDate } from '../permit/calendar-date';
import { MESSAGE_BUS } from '../application/registry.tokens';
import { RegistryReaction } from './registry-reaction';

/**
 * A lease signed through the brokerage records the resident's new address in the registry, as a move within the
 * station: the compound in clear, the building, entrance and room inside the resident's encrypted personal
 * document. The event id derives from the lease's, so a redelivery appends nothing; a resident who is not (or no
 * longer) present at the lease's station is skipped, as is one whose key is gone.
 */
@Injectable()
export class LeaseAddressReaction extends RegistryReaction {
  static readonly GROUP = 'registry.address-from-lease';

  constructor(
    private readonly streams: RegistryStreams,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    @Optional() @Inject(MESSAGE_BUS) bus: MessageBus | null,
  ) {
    super(bus, { group: LeaseAddressReaction.GROUP, categories: ['lease'] });
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (event.type !== LeaseSigned.type) return;
    const lease = LeaseSigned.schema.parse(event.data);
    const { state, version } = await this.streams.loadResident(lease.stationId, lease.residentId);
    if (state.status !== 'present') return;
    const { resident } = state;
    const address = leaseAddressSchema.safeParse(await this.cipher.decrypt(resident.residentId, lease.address));
    const current = residentPersonalDataSchema.safeParse(await this.cipher.decrypt(resident.residentId, resident.personal));
    if (!address.success || !current.success) return;

    const newAddress = { building: address.data.building, unit: address.data.unit, ...(address.data.room ? { room: address.data.room } : {}) };
    if (resident.compound === lease.compound && isDeepStrictEqual(current.data.address, newAddress)) return;

    // Dated when the lease starts, but never after the day it was recorded (the registry takes no move in the
    // future) nor before the resident arrived.
    const recordedOn = stationDate(event.occurredAt);
    const startsOrToday = lease.startsOn < recordedOn ? lease.startsOn : recordedOn;
    const movedOn = startsOrToday < resident.arrivalDate ? resident.arrivalDate : startsOrToday;
    const personal = await this.cipher.encrypt(resident.residentId, { ...current.data, address: newAddress });
    const context: CommandContext = { actor: { userId: 'registry', role: 'system' }, correlationId: event.metadata.correlationId, now: event.occurredAt };
    await this.streams.resident(
      lease.stationId,
      { type: 'MoveWithinStation', data: { residentId: resident.residentId, compound: lease.compound, personal, movedOn } },
      context,
      { eventIds: [deterministicUuid(event.id, 'registry.address-from-lease')], causationId: event.id, expectedVersion: version },
    );
  }
}
