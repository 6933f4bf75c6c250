import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners } from 'kafkajs';
import { defineEvent, EventEnvelope, NewEvent, Upcasters } from '@kinship/contracts';
import { z } from 'zod';
import { SqliteEventStore } from '@kinship/eventsourcing';
import { describeEngine, messageBusConformance } from '@kinship/testing';
import { ConsumerSpec, MessageBus } from '../port/bus.port';
import { WaitForTimeoutError } from '../port/bus.errors';
import { createKafkaMessaging, KafkaMessaging } from './kafka-messaging';
import { KafkaMessageBusOptions } from './kafka-message-bus';
import { OutboxRelay } from './outbox-relay';
import { DEAD_LETTER_HEADERS, EVENT_HEADERS, headerText } from './records';
import { deadLetterTopic, replayTopic } from './topics';
import { eventually, gate, newEvent, readTopic, recordingLogger, removeCreated, testKafka } from './kafka-test-kit';

/** A service's outbox (a SQLite store in a temp file) relayed to one fresh topic, and a Kafka bus reading it. */
interface Fixture {
  kafka: Kafka;
  topic: string;
  store: SqliteEventStore;
  relay: OutboxRelay;
  messaging: KafkaMessaging;
  /** The bus, recording the groups that subscribe so their topics and offsets can be removed afterwards. */
  bus: MessageBus;
  groups: Set<string>;
  publish(streamId: string, events: NewEvent[]): Promise<number>;
  openBus(tuning?: Partial<KafkaMessageBusOptions>): KafkaMessaging;
  close(): Promise<void>;
}

async function openFixture(brokers: string, tuning: Partial<KafkaMessageBusOptions> = {}): Promise<Fixture> {
  const kafka = testKafka(brokers);
  const topic = `kinship-e2e-${randomUUID().slice(0, 8)}.events.v1`;
  const directory = mkdtempSync(join(tmpdir(), 'kinship-kafka-bus-'));
  const store = new SqliteEventStore({ filename: join(directory, 'events.sqlite') });
  const logger = recordingLogger();
  const relay = new OutboxRelay({
    store,
    checkpoints: store.checkpoints,
    kafka,
    topicFor: () => topic,
    notifications: store,
    pollIntervalMs: 20,
    retryBaseDelayMs: 50,
    watermarkIntervalMs: 50,
    logger,
  });
  await relay.start();
  const groups = new Set<string>();
  const opened: KafkaMessaging[] = [];
  const openBus = (more: Partial<KafkaMessageBusOptions> = {}) => {
    const messaging = createKafkaMessaging({
      kafka,
      topicFor: () => topic,
      retryBaseDelayMs: 20,
      errorBackoffMs: 50,
      maxWaitTimeInMs: 200,
      logger,
      ...tuning,
      ...more,
    });
    opened.push(messaging);
    return messaging;
  };
  const messaging = openBus();
  return {
    kafka,
    topic,
    store,
    relay,
    messaging,
    groups,
    bus: {
      subscribe: (spec: ConsumerSpec) => {
        groups.add(spec.group);
        return messaging.bus.subscribe(spec);
      },
      close: () => messaging.bus.close(),
    },
    async publish(streamId, events) {
      const { lastPosition } = await store.append(streamId, events, { expectedVersion: 'any' });
      return lastPosition;
    },
    openBus,
    async close() {
      for (const m of opened) await m.close();
      await relay.stop();
      await store.close();
      rmSync(directory, { recursive: true, force: true });
      await removeCreated(kafka, {
        topics: [topic, ...[...groups].flatMap((group) => [deadLetterTopic(group), replayTopic(group)])],
        groups: [...groups],
      });
    },
  };
}

describeEngine('kafka', 'KafkaMessageBus', (broker) => {
  messageBusConformance('Kafka (kafkajs; SQLite outbox + OutboxRelay)', async () => {
    const fixture = await openFixture(broker.url);
    return {
      bus: fixture.bus,
      deadLetters: fixture.messaging.deadLetters,
      publish: async (streamId, events) => {
        await fixture.publish(streamId, events);
      },
      close: () => fixture.close(),
    };
  });

  describe('beyond the conformance suite', () => {
    let fixture: Fixture;

    afterEach(async () => {
      await fixture.close();
    });

    describe('when an earlier event in another partition is still being handled', () => {
      it('does not count a later position as reached until that event is done', async () => {
        fixture = await openFixture(broker.url);
        const [slow, fast] = streamsOnDifferentPartitions(fixture.topic, 3);
        const release = gate();
        const handled: string[] = [];
        await fixture.publish(slow, [newEvent(0)]);
        const later = await fixture.publish(fast, [newEvent(1)]);
        await fixture.relay.waitFor(later, 10_000);
        try {
          // Both records wait in the topic, so the first fetch brings both partitions and they are handled side by side.
          const consumer = await fixture.bus.subscribe({
            group: `e2e-partitions-${randomUUID().slice(0, 8)}`,
            categories: ['resident'],
            handler: async (event) => {
              if (event.streamId === slow) await release.wait();
              handled.push(event.streamId);
            },
          });
          await eventually(() => handled.includes(fast));

          await expect(consumer.waitFor(later, 300)).rejects.toBeInstanceOf(WaitForTimeoutError);
          expect(await consumer.position()).toBeLessThan(later);
          release.open();
          await consumer.waitFor(later, 10_000);
          expect(handled).toEqual([fast, slow]);
        } finally {
          release.open();
        }
      });
    });

    describe('when a group starts again with nothing new to read', () => {
      it('knows its position at once from the position committed with its offsets', async () => {
        fixture = await openFixture(broker.url);
        const group = `e2e-restart-${randomUUID().slice(0, 8)}`;
        const spec = { group, categories: ['resident'], handler: async () => undefined };
        const first = await fixture.bus.subscribe(spec);
        const head = await fixture.publish('resident-t1-a', [newEvent(0), newEvent(1)]);
        await first.waitFor(head, 10_000);
        await fixture.messaging.close();

        const again = fixture.openBus();
        const resumed = await again.bus.subscribe(spec);

        await resumed.waitFor(head, 2_000);
        expect(await resumed.position()).toBeGreaterThanOrEqual(head);
      });
    });

    describe('when the topic holds events written at an older schema version', () => {
      it('hands the handler each event lifted to the current version, and dead-letters one no upcaster can lift', async () => {
        const noted = defineEvent('registry.resident-noted', 3, z.object({ sequence: z.number(), note: z.string() }));
        const upcasters = new Upcasters(
          [noted],
          [{ type: noted.type, fromVersion: 1, upcast: (data) => ({ ...(data as object), note: 'none' }) }, { type: noted.type, fromVersion: 2, upcast: (data) => data }],
        );
        fixture = await openFixture(broker.url, { upcasters });
        const seen: EventEnvelope[] = [];
        const group = `e2e-upcast-${randomUUID().slice(0, 8)}`;
        const consumer = await fixture.bus.subscribe({ group, categories: ['resident'], handler: async (event) => void seen.push(event) });
        const head = await fixture.publish('resident-t1-a', [newEvent(1), { ...newEvent(2), schemaVersion: 0 }]);

        await consumer.waitFor(head, 10_000);
        expect(seen.map((e) => [e.schemaVersion, e.data])).toEqual([[3, { sequence: 1, note: 'none' }]]);
        const [letter] = await fixture.messaging.deadLetters.list({ group });
        expect(letter.error).toMatch(/No upcaster lifts registry.resident-noted from schema version 0/);
      });
    });

    describe('when small batches arrive and the group keeps running', () => {
      it('commits their offsets and position within the commit interval, without waiting for a stop', async () => {
        fixture = await openFixture(broker.url, { commitIntervalMs: 300 });
        const group = `e2e-commit-${randomUUID().slice(0, 8)}`;
        const consumer = await fixture.bus.subscribe({ group, categories: ['resident'], handler: async () => undefined });
        await fixture.publish('resident-t1-a', [newEvent(0)]);
        const head = await fixture.publish('resident-t1-b', [newEvent(0)]);
        await consumer.waitFor(head, 10_000);

        const admin = fixture.kafka.admin();
        await admin.connect();
        try {
          let committed: Array<{ offset: string; metadata: string | null }> = [];
          await eventually(async () => {
            [{ partitions: committed }] = await admin.fetchOffsets({ groupId: group, topics: [fixture.topic] });
            return committed.every((p) => Number(p.metadata) >= head);
          }, 5_000);
          expect(committed.reduce((sum, p) => sum + Number(p.offset), 0)).toBeGreaterThanOrEqual(2);
        } finally {
          await admin.disconnect();
        }
      });
    });

    describe('when an event is dead-lettered', () => {
      it("keeps the event's record with the error, the attempts and its origin in the group's dead-letter topic", async () => {
        fixture = await openFixture(broker.url);
        const group = `e2e-dlq-${randomUUID().slice(0, 8)}`;
        const lag: number[] = [];
        const messaging = fixture.openBus({ onLag: (_group, value) => lag.push(value) });
        fixture.groups.add(group);
        const consumer = await messaging.bus.subscribe({
          group,
          categories: ['resident'],
          maxAttempts: 2,
          handler: async () => {
            throw new Error('no such household');
          },
        });
        const poison = newEvent(0);
        const position = await fixture.publish('resident-t1-a', [poison]);
        await consumer.waitFor(position, 10_000);

        const records = await readTopic(fixture.kafka, deadLetterTopic(group));
        expect(records).toHaveLength(1);
        const { message } = records[0];
        expect(message.key?.toString()).toBe('resident-t1-a');
        expect(headerText(message.headers, EVENT_HEADERS.id)).toBe(poison.id);
        expect(headerText(message.headers, DEAD_LETTER_HEADERS.error)).toBe('no such household');
        expect(headerText(message.headers, DEAD_LETTER_HEADERS.attempts)).toBe('2');
        expect(headerText(message.headers, DEAD_LETTER_HEADERS.sourceTopic)).toBe(fixture.topic);
        expect((JSON.parse(String(message.value)) as EventEnvelope).id).toBe(poison.id);
        expect(lag.at(-1)).toBe(0);
      });
    });
  });
});

/** Stream ids of category `resident` whose keys the producer's partitioner puts on different partitions. */
function streamsOnDifferentPartitions(topic: string, partitions: number): [string, string] {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));
  const place = (key: string) => partitioner({ topic, partitionMetadata, message: { key, value: null } });
  const first = 'resident-t1-slow';
  for (let i = 0; ; i++) {
    const candidate = `resident-t1-fast${i}`;
    if (place(candidate) !== place(first)) return [first, candidate];
  }
}
