import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { NewEvent } from '@kinship/contracts';
import { SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { OutboxRelay, stderrBusLogger } from '@kinship/messaging';

const EVENTS = 200_000;
const EVENTS_PER_STREAM = 50;
const BATCH_SIZE = 5000;
const PARTITIONS = 3;

/**
 * Relay throughput into Kafka: a SQLite outbox pre-filled with 200,000 events is relayed from checkpoint 0
 * into a fresh three-partition topic (idempotent producer, acks=all), timed until the broker has
 * acknowledged the last event. The topic is deleted afterwards. Target: at least 20,000 events/s.
 */
export async function kafkaRelayBench(brokers: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kinship-bench-relay-'));
  const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  const kafka = new Kafka({ clientId: 'kinship-bench-relay', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const topic = `kinship-bench-${randomUUID().slice(0, 8)}.events.v1`;
  let relay: OutboxRelay | undefined;
  try {
    const head = await prefill(store);
    relay = new OutboxRelay({
      store,
      checkpoints: store.checkpoints,
      kafka,
      topicFor: () => topic,
      batchSize: BATCH_SIZE,
      topics: { partitions: PARTITIONS },
      logger: stderrBusLogger,
    });
    const started = process.hrtime.bigint();
    await relay.start();
    await relay.waitFor(head, 600_000);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const perSecond = Math.round(head / seconds);
    return (
      `Outbox relay into Kafka: ${perSecond.toLocaleString('en')} events/s over ${head.toLocaleString('en')} events ` +
      `(SQLite outbox, batches of ${BATCH_SIZE}, ${PARTITIONS} partitions, idempotent producer, acks=all, ${seconds.toFixed(1)} s) ` +
      `(target >= 20,000/s)`
    );
  } finally {
    await relay?.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    await deleteTopic(kafka, topic);
  }
}

/** Fills the outbox with resident events, many streams of a few events each, as a busy station would. */
async function prefill(store: SqliteEventStore): Promise<number> {
  const metadata = { correlationId: 'bench', causationId: null, actor: { userId: 'bench', role: 'station-staff' as const }, source: 'bench' };
  let head = 0;
  for (let stream = 0; stream * EVENTS_PER_STREAM < EVENTS; stream++) {
    const events: NewEvent[] = Array.from({ length: EVENTS_PER_STREAM }, (_, i) => ({
      id: uuidv7(),
      type: 'registry.resident-moved-out',
      schemaVersion: 1,
      tenantId: 'guangrui-1',
      occurredAt: '2026-11-20T08:00:00.000Z',
      data: { residentId: `r-${stream}`, movedOutOn: '2026-11-20', reason: 'returned home', sequence: i },
      metadata,
    }));
    head = (await store.append(`resident-guangrui-1-r${stream}`, events, { expectedVersion: 'no-stream' })).lastPosition;
  }
  return head;
}

async function deleteTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
  } catch (error) {
    console.error(`Could not delete the bench topic ${topic}`, error);
  } finally {
    await admin.disconnect();
  }
}
