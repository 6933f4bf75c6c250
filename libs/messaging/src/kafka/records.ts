import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { EventEnvelope } from '@kinship/contracts';

/** Header names of an event record (DESIGN §3): enough to route and trace an event without parsing it. */
export const EVENT_HEADERS = {
  id: 'event-id',
  type: 'event-type',
  schemaVersion: 'schema-version',
  tenantId: 'tenant-id',
  correlationId: 'correlation-id',
  /** The event's global position in its source store: what `Consumer.waitFor` compares. */
  position: 'event-position',
} as const;

/**
 * Header of a watermark record: the relay puts one in every partition to say that every event up to this
 * position meant for that partition precedes it. Consumers skip these records; they only move positions.
 */
export const WATERMARK_HEADER = 'kinship-watermark';

/** Header names of a dead-letter record, beside the event record's own headers. */
export const DEAD_LETTER_HEADERS = {
  id: 'dlq-id',
  group: 'dlq-group',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  deadLetteredAt: 'dlq-dead-lettered-at',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
} as const;

/** The record the relay produces for one event: keyed by stream id so a stream stays in one partition, in order. */
export function eventRecord(event: EventEnvelope): Message {
  return {
    key: event.streamId,
    value: JSON.stringify(event),
    headers: {
      [EVENT_HEADERS.id]: event.id,
      [EVENT_HEADERS.type]: event.type,
      [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
      [EVENT_HEADERS.tenantId]: event.tenantId,
      [EVENT_HEADERS.correlationId]: event.metadata.correlationId,
      [EVENT_HEADERS.position]: String(event.position),
    },
  };
}

/** A watermark record for one partition. */
export function watermarkRecord(partition: number, position: number): Message {
  return { partition, key: null, value: null, headers: { [WATERMARK_HEADER]: String(position) } };
}

/** The text of a header, or undefined when absent. */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** What one consumed record is to the bus. */
export type ConsumedRecord =
  | { kind: 'watermark'; position: number }
  | { kind: 'event'; position: number; streamId: string }
  | { kind: 'foreign' };

/** Reads a record's position and stream without parsing its value; `foreign` for records no relay of ours wrote. */
export function classifyRecord(message: KafkaMessage): ConsumedRecord {
  const watermark = headerText(message.headers, WATERMARK_HEADER);
  if (watermark !== undefined) return { kind: 'watermark', position: Number(watermark) };
  const position = Number(headerText(message.headers, EVENT_HEADERS.position));
  const streamId = message.key?.toString();
  if (!Number.isSafeInteger(position) || position < 1 || !streamId) return { kind: 'foreign' };
  return { kind: 'event', position, streamId };
}

/** The envelope in an event record's value; throws when it is not one. */
export function parseEnvelope(value: Buffer | null): EventEnvelope {
  if (value === null) throw new MalformedEventRecordError('the record has no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch (error) {
    throw new MalformedEventRecordError(`the value is not JSON: ${(error as Error).message}`);
  }
  if (!isEnvelope(parsed)) throw new MalformedEventRecordError('the value is not an event envelope');
  return parsed;
}

/** An event topic held a record that is not an event envelope; it is dead-lettered, never handed to a handler. */
export class MalformedEventRecordError extends Error {
  override readonly name = 'MalformedEventRecordError';
}

function isEnvelope(value: unknown): value is EventEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e['id'] === 'string' &&
    typeof e['type'] === 'string' &&
    typeof e['streamId'] === 'string' &&
    typeof e['position'] === 'number' &&
    typeof e['streamVersion'] === 'number' &&
    typeof e['schemaVersion'] === 'number' &&
    typeof e['metadata'] === 'object' &&
    e['metadata'] !== null
  );
}
