import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Kafka, KafkaConfig, KafkaMessage, logLevel } from 'kafkajs';
import { NewEvent } from '@kinship/contracts';
import { BusLogger } from '../port/bus.observer';
import { TopicProvisioner } from './topic-provisioner';

// Shared by the Kafka e2e specs only (never exported from the library): clients, probes and clean-up.

/** A kafkajs client for a test; quiet, and quick to give up so failure paths run in test time. */
export function testKafka(brokers: string | KafkaConfig['brokers'], overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: `kinship-e2e-${randomUUID().slice(0, 8)}`,
    brokers: typeof brokers === 'string' ? brokers.split(',') : brokers,
    logLevel: logLevel.NOTHING,
    ...overrides,
  });
}

/** A logger that keeps what the bus or relay said, for assertions and for reading after a failure. */
export function recordingLogger(): BusLogger & { lines: Array<{ level: string; message: string; context: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; context: Record<string, unknown> }> = [];
  return {
    lines,
    error: (context, message) => lines.push({ level: 'error', message, context }),
    warn: (context, message) => lines.push({ level: 'warn', message, context }),
    info: (context, message) => lines.push({ level: 'info', message, context }),
  };
}

/** A local port nothing listens on: a broker that is down. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Every record now in `topic`, read from the beginning with a throwaway group, partition by partition. */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 15_000): Promise<Array<{ partition: number; message: KafkaMessage }>> {
  const provisioner = new TopicProvisioner(kafka.admin());
  const ends = await provisioner.offsets(topic);
  await provisioner.disconnect();
  const records: Array<{ partition: number; message: KafkaMessage }> = [];
  const next = new Map<number, bigint>();
  const done = () => ends.every((p) => (next.get(p.partition) ?? p.low) >= p.high);
  if (done()) return records;
  const groupId = `kinship-e2e-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`could not read ${topic} to its end in ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            if (BigInt(message.offset) < (ends.find((p) => p.partition === batch.partition)?.high ?? 0n)) {
              records.push({ partition: batch.partition, message });
            }
            next.set(batch.partition, BigInt(message.offset) + 1n);
          }
          if (done()) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
    await removeCreated(kafka, { topics: [], groups: [groupId] });
  }
  return records;
}

/** Deletes topics and groups a test created, leaving everything else on the shared broker alone. */
export async function removeCreated(kafka: Kafka, created: { topics: string[]; groups: string[] }): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = created.topics.filter((topic) => existing.has(topic));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    const known = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
    const groups = created.groups.filter((group) => known.has(group));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

/** A new event of the kind the specs append; `sequence` lands in its data. */
export function newEvent(sequence: number, type = 'registry.resident-noted'): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    tenantId: 't1',
    occurredAt: '2025-01-01T00:00:00.000Z',
    data: { sequence },
    metadata: { correlationId: randomUUID(), causationId: null, actor: { userId: 'u1', role: 'station-staff' }, source: 'e2e' },
  };
}

/** A latch a handler can wait on, so a test controls when an event finishes. */
export function gate(): { open(): void; wait(): Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, wait: () => opened };
}

export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
