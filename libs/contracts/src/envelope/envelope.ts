import { z } from 'zod';

/** The five roles of DESIGN §5. */
export const ROLES = ['station-staff', 'station-lead', 'center-manager', 'district-analyst', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  role: Role | 'system';
}

export interface EventMetadata {
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  /** The service (or process manager) that wrote the event. */
  source: string;
}

/** An event as it is handed to the event store, before it has a stream version or a position. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  schemaVersion: number;
  tenantId: string;
  occurredAt: string;
  data: Data;
  metadata: EventMetadata;
}

/** An event as read back from the store: the envelope of DESIGN §2. */
export interface EventEnvelope<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  streamVersion: number;
  /** Global position in the store's log; set on read. */
  position: number;
}

export const eventMetadataSchema = z.object({
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  actor: z.object({ userId: z.string().min(1), role: z.enum([...ROLES, 'system']) }),
  source: z.string().min(1),
});

/** A stream id is `<category>-<tenantId>-<id>`; the category is what subscriptions filter on. */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}
