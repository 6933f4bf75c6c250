import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';
import { EventEnvelope } from '@kinship/contracts';
import { PostgresLeaderLease, SqliteEventStore } from '@kinship/eventsourcing';
import { describeEngine } from '@kinship/testing';
import { OutboxRelay, OutboxRelayOptions } from './outbox-relay';
import { EVENT_HEADERS, WATERMARK_HEADER, headerText } from './records';
import { eventsTopic, routeByContext } from './topics';
import { closedPort, eventually, newEvent, readTopic, recordingLogger, removeCreated, testKafka } from './kafka-test-kit';

describeEngine('kafka', 'OutboxRelay', (broker) => {
  let directory: string;
  let store: SqliteEventStore;
  let relays: OutboxRelay[];
  let kafka: Kafka;
  let topics: string[];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'kinship-relay-'));
    store = new SqliteEventStore({ filename: join(directory, 'events.sqlite') });
    relays = [];
    kafka = testKafka(broker.url);
    topics = [];
  });

  afterEach(async () => {
    for (const relay of relays) await relay.stop();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
    await removeCreated(testKafka(broker.url), { topics, groups: [] });
  });

  function newTopic(): string {
    const topic = eventsTopic(`e2e-relay-${randomUUID().slice(0, 8)}`);
    topics.push(topic);
    return topic;
  }

  function relay(options: Partial<OutboxRelayOptions> & Pick<OutboxRelayOptions, 'topicFor'>): OutboxRelay {
    const created = new OutboxRelay({
      store,
      checkpoints: store.checkpoints,
      kafka,
      notifications: store,
      pollIntervalMs: 20,
      retryBaseDelayMs: 50,
      retryMaxDelayMs: 200,
      ...options,
    });
    relays.push(created);
    return created;
  }

  async function appendRound(streams: string[], perStream: number, from = 0): Promise<number> {
    let head = 0;
    for (let i = 0; i < perStream; i++) {
      for (const streamId of streams) head = (await store.append(streamId, [newEvent(from + i)], { expectedVersion: 'any' })).lastPosition;
    }
    return head;
  }

  describe('when the broker is down while commands append', () => {
    it('keeps its checkpoint until the broker acknowledges, then relays every event exactly once', async () => {
      const topic = newTopic();
      const down = `127.0.0.1:${await closedPort()}`;
      let brokerUp = false;
      kafka = testKafka(() => [brokerUp ? broker.url : down], { connectionTimeout: 300, retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 200 } });
      const logger = recordingLogger();
      const lags: number[] = [];
      const outbox = relay({ topicFor: () => topic, logger, onLag: (lag) => lags.push(lag), producerRetry: { retries: 1, initialRetryTime: 50 } });
      await outbox.start();

      const streams = ['resident-t1-a', 'resident-t1-b', 'household-t1-c'];
      const head = await appendRound(streams, 10);
      await eventually(() => logger.lines.filter((l) => l.level === 'error' && /could not produce/.test(l.message)).length >= 2);
      // A read that came before the last append is retried as it was; the lag follows the head all the same.
      await eventually(() => lags.at(-1) === head);
      expect(await store.checkpoints.load('kafka-outbox-relay')).toBe(0);
      expect(outbox.producedPosition()).toBe(0);

      brokerUp = true;
      await outbox.waitFor(head, 30_000);
      await eventually(async () => (await store.checkpoints.load('kafka-outbox-relay')) === head);

      const appended = await store.readAll({ fromPosition: 0, limit: 1000 });
      const relayed = events(await readTopic(kafka, topic));
      expect(relayed.map((e) => e.id).sort()).toEqual(appended.map((e) => e.id).sort());
      for (const streamId of streams) {
        expect(relayed.filter((e) => e.streamId === streamId).map((e) => e.streamVersion)).toEqual([...Array(10).keys()]);
      }
      await eventually(() => lags.at(-1) === 0);
    });
  });

  describe('when a relayed event reaches the topic', () => {
    it('is keyed by its stream id and carries its id, type, schema version, tenant, correlation id and position in headers', async () => {
      const topic = newTopic();
      const outbox = relay({ topicFor: () => topic });
      await outbox.start();
      const event = newEvent(7, 'registry.resident-registered');
      const { lastPosition } = await store.append('resident-t9-x', [event], { expectedVersion: 'no-stream' });
      await outbox.waitFor(lastPosition, 10_000);

      const [record] = (await readTopic(kafka, topic)).filter(({ message }) => headerText(message.headers, EVENT_HEADERS.id));
      const { message } = record;
      expect(message.key?.toString()).toBe('resident-t9-x');
      expect({
        id: headerText(message.headers, EVENT_HEADERS.id),
        type: headerText(message.headers, EVENT_HEADERS.type),
        schemaVersion: headerText(message.headers, EVENT_HEADERS.schemaVersion),
        tenantId: headerText(message.headers, EVENT_HEADERS.tenantId),
        correlationId: headerText(message.headers, EVENT_HEADERS.correlationId),
        position: headerText(message.headers, EVENT_HEADERS.position),
      }).toEqual({
        id: event.id,
        type: 'registry.resident-registered',
        schemaVersion: '1',
        tenantId: 't1',
        correlationId: event.metadata.correlationId,
        position: String(lastPosition),
      });
      expect(JSON.parse(String(message.value))).toEqual({ ...event, streamId: 'resident-t9-x', streamVersion: 0, position: lastPosition });
    });
  });

  describe('when the relay has caught up', () => {
    it('ends every partition of its topic with a watermark at the head of the store', async () => {
      const topic = newTopic();
      const outbox = relay({ topicFor: () => topic, topics: { partitions: 3 } });
      await outbox.start();
      const head = await appendRound(['resident-t1-a', 'resident-t1-b'], 3);
      await outbox.waitFor(head, 10_000);

      const records = await readTopic(kafka, topic);
      const lastPerPartition = [0, 1, 2].map((partition) => records.filter((r) => r.partition === partition).at(-1)?.message);
      expect(lastPerPartition.map((m) => m && headerText(m.headers, WATERMARK_HEADER))).toEqual([String(head), String(head), String(head)]);
    });
  });

  describe('when it stops and a new relay starts from the same checkpoint', () => {
    it('produces only what was appended since, so the topic holds every event once', async () => {
      const topic = newTopic();
      const first = relay({ topicFor: () => topic });
      await first.start();
      const before = await appendRound(['resident-t1-a'], 5);
      await first.waitFor(before, 10_000);
      await first.stop();
      const after = await appendRound(['resident-t1-a'], 5, 5);

      const second = relay({ topicFor: () => topic });
      await second.start();
      await second.waitFor(after, 10_000);

      const relayed = events(await readTopic(kafka, topic));
      expect(relayed.map((e) => e.streamVersion)).toEqual([...Array(10).keys()]);
      expect(await store.checkpoints.load('kafka-outbox-relay')).toBe(after);
    });
  });

  describeEngine('postgres', 'with replicas sharing one outbox', (postgres) => {
    const leases: PostgresLeaderLease[] = [];

    afterEach(async () => {
      for (const relayed of relays.splice(0)) await relayed.stop();
      for (const lease of leases.splice(0)) await lease.close();
    });

    function replica(topic: string, leaseName: string): OutboxRelay {
      const leadership = new PostgresLeaderLease({ connectionString: postgres.url, name: leaseName, checkIntervalMs: 50 });
      leases.push(leadership);
      return relay({ topicFor: () => topic, leadership });
    }

    describe('when each replica runs a relay with the same leadership', () => {
      it('lets only the leader produce, and the standby carries on from its checkpoint once the leader stops', async () => {
        const topic = newTopic();
        const leaseName = `e2e-relay-${randomUUID().slice(0, 8)}`;
        const replicas = [replica(topic, leaseName), replica(topic, leaseName)];
        for (const started of replicas) await started.start();
        const before = await appendRound(['resident-t1-a', 'resident-t1-b'], 3);
        const leader = await Promise.race(replicas.map((r) => r.waitFor(before, 10_000).then(() => r)));
        const [standby] = replicas.filter((r) => r !== leader);
        expect(standby.producedPosition()).toBeLessThan(before);

        await leader.stop();
        const after = await appendRound(['resident-t1-a', 'resident-t1-b'], 3, 3);
        await standby.waitFor(after, 10_000);

        const relayed = events(await readTopic(kafka, topic));
        expect(relayed.filter((e) => e.streamId === 'resident-t1-a').map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4, 5]);
        expect(relayed).toHaveLength(12);
      });
    });
  });

  describe('when categories of two contexts are relayed', () => {
    it("sends each category to its context's topic and leaves categories it was not given in the store", async () => {
      const suffix = randomUUID().slice(0, 8);
      const [registry, brokerage] = [`e2e-registry-${suffix}`, `e2e-brokerage-${suffix}`];
      topics.push(eventsTopic(registry), eventsTopic(brokerage));
      const outbox = relay({ topicFor: routeByContext({ [registry]: ['resident', 'household'], [brokerage]: ['lease'] }), categories: ['resident', 'household', 'lease'] });
      await outbox.start();
      await appendRound(['resident-t1-a', 'lease-t1-b', 'case-t1-c', 'household-t1-d'], 2);
      const head = await store.headPosition();
      await outbox.waitFor(head, 10_000);

      const streamsIn = async (topic: string) => [...new Set(events(await readTopic(kafka, topic)).map((e) => e.streamId))].sort();
      expect(await streamsIn(eventsTopic(registry))).toEqual(['household-t1-d', 'resident-t1-a']);
      expect(await streamsIn(eventsTopic(brokerage))).toEqual(['lease-t1-b']);
    });
  });
});

/** The events among a topic's records (watermarks left out), in the order each partition holds them. */
function events(records: Array<{ message: KafkaMessage }>): EventEnvelope[] {
  return records.filter(({ message }) => headerText(message.headers, EVENT_HEADERS.id) !== undefined).map(({ message }) => JSON.parse(String(message.value)) as EventEnvelope);
}
