import type { KafkaMessage } from 'kafkajs';
import { EventEnvelope } from '@kinship/contracts';
import { deadLetterId } from './kafka-dead-letter-store';
import { classifyRecord, eventRecord, MalformedEventRecordError, parseEnvelope, watermarkRecord } from './records';

const event: EventEnvelope = {
  id: '0190d7c4-0000-7000-8000-000000000001',
  type: 'registry.resident-registered',
  schemaVersion: 2,
  streamId: 'resident-t1-r1',
  streamVersion: 0,
  position: 42,
  tenantId: 't1',
  occurredAt: '2025-01-01T00:00:00.000Z',
  data: { name: 'encrypted' },
  metadata: { correlationId: 'c1', causationId: null, actor: { userId: 'u1', role: 'station-staff' }, source: 'registry' },
};

/** The record as a consumer would receive it: headers and values come back as buffers. */
function consumed(message: ReturnType<typeof eventRecord>, offset = '0'): KafkaMessage {
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]));
  return {
    key: message.key === null || message.key === undefined ? null : Buffer.from(String(message.key)),
    value: message.value === null ? null : Buffer.from(String(message.value)),
    headers,
    offset,
    timestamp: '0',
    attributes: 0,
  };
}

describe('Kafka event records', () => {
  describe('when an event is turned into a record and consumed back', () => {
    it('comes back whole, and its stream and position are readable without parsing the value', () => {
      const record = consumed(eventRecord(event));

      expect(classifyRecord(record)).toEqual({ kind: 'event', position: 42, streamId: 'resident-t1-r1' });
      expect(parseEnvelope(record.value)).toEqual(event);
    });
  });

  describe('when a watermark is consumed', () => {
    it('gives only its position', () => {
      expect(classifyRecord(consumed(watermarkRecord(2, 99)))).toEqual({ kind: 'watermark', position: 99 });
    });
  });

  describe('when a record was not written by a relay', () => {
    it('is told apart and its value is refused as an envelope', () => {
      const foreign = consumed({ key: 'x', value: '{"hello":1}' });

      expect(classifyRecord(foreign)).toEqual({ kind: 'foreign' });
      expect(() => parseEnvelope(foreign.value)).toThrow(MalformedEventRecordError);
      expect(() => parseEnvelope(Buffer.from('not json'))).toThrow(MalformedEventRecordError);
    });
  });

  describe('when the same record is dead-lettered twice', () => {
    it('gets the same dead-letter id, and another record another id', () => {
      const id = deadLetterId('directory', 'registry.events.v1', 1, '17');

      expect(deadLetterId('directory', 'registry.events.v1', 1, '17')).toBe(id);
      expect(deadLetterId('directory', 'registry.events.v1', 1, '18')).not.toBe(id);
      expect(deadLetterId('other', 'registry.events.v1', 1, '17')).not.toBe(id);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  });
});
