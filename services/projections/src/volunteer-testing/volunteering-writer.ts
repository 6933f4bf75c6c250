import { EventContract, NewEvent, volunteeringStreams, VolunteerEnrolled } from '@kinship/contracts';
import { EventStore, uuidv7 } from '@kinship/eventsourcing';
import { FieldCipher } from '@kinship/privacy';
import type { z } from 'zod';

/**
 * Appends volunteering events (checked against their contracts) the way the volunteering service writes them,
 * for the specs of volunteering's read models: the projections service never imports that service.
 */
export class VolunteeringWriter {
  constructor(
    private readonly events: EventStore,
    private readonly cipher: FieldCipher,
  ) {}

  /** Appends one event; returns its global position. */
  async append<S extends z.ZodType>(streamId: string, contract: EventContract<string, S>, data: z.input<S>, tenantId: string, occurredAt?: string): Promise<number> {
    const event: NewEvent = {
      id: uuidv7(),
      type: contract.type,
      schemaVersion: contract.schemaVersion,
      tenantId,
      occurredAt: occurredAt ?? new Date().toISOString(),
      data: contract.schema.parse(data),
      metadata: { correlationId: uuidv7(), causationId: null, actor: { userId: 'staff-1', role: 'station-staff' }, source: 'volunteering' },
    };
    return (await this.events.append(streamId, [event], { expectedVersion: 'any' })).lastPosition;
  }

  volunteer<S extends z.ZodType>(stationId: string, volunteerId: string, contract: EventContract<string, S>, data: z.input<S>): Promise<number> {
    return this.append(volunteeringStreams.volunteer(stationId, volunteerId), contract, data, stationId);
  }

  activity<S extends z.ZodType>(stationId: string, activityId: string, contract: EventContract<string, S>, data: z.input<S>): Promise<number> {
    return this.append(volunteeringStreams.activity(stationId, activityId), contract, data, stationId);
  }

  pairing<S extends z.ZodType>(stationId: string, pairingId: string, contract: EventContract<string, S>, data: z.input<S>): Promise<number> {
    return this.append(volunteeringStreams.pairing(stationId, pairingId), contract, data, stationId);
  }

  fund<S extends z.ZodType>(centerId: string, contract: EventContract<string, S>, data: z.input<S>): Promise<number> {
    return this.append(volunteeringStreams.aidFund(centerId), contract, data, centerId);
  }

  /** Enrols a volunteer who is a resident (their name encrypted under the resident, as the service does). */
  async enrol(stationId: string, volunteerId: string, options: { name?: string; residentId?: string; enrolledOn?: string } = {}): Promise<number> {
    const subject = options.residentId ?? volunteerId;
    return this.volunteer(stationId, volunteerId, VolunteerEnrolled, {
      volunteerId,
      stationId,
      ...(options.residentId !== undefined ? { residentId: options.residentId } : {}),
      personal: await this.cipher.encrypt(subject, { name: options.name ?? '王秀英', phone: '13812345678' }),
      skills: ['first-aid'],
      languages: ['zh'],
      availability: [],
      enrolledOn: options.enrolledOn ?? '2026-01-05',
    });
  }
}
