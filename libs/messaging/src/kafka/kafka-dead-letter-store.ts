import { createHash, randomUUID } from 'node:crypto';
import { Partitioners, type Consumer as KafkaConsumer, type IHeaders, type ITopicConfig, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { EventEnvelope, Upcasters } from '@kinship/contracts';
import { DeadLetter, DeadLetterStore } from '../port/bus.port';
import {
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  DeadLetterReplayFailedError,
  NoLiveConsumerError,
  errorMessage,
} from '../port/bus.errors';
import { BusLogger, stderrBusLogger } from '../port/bus.observer';
import { ConsumerHandlerRegistry } from '../embedded/consumer-handler-registry';
import { DEAD_LETTER_HEADERS, EVENT_HEADERS, headerText, parseEnvelope } from './records';
import { TopicProvisioner } from './topic-provisioner';
import { deadLetterTopic, groupOfDeadLetterTopic, replayTopic } from './topics';

/** An event whose handler failed every attempt, as the Kafka bus hands it over to be dead-lettered. */
export interface KafkaDeadLetterEntry {
  group: string;
  /** The record as consumed: its key, value and headers go to the dead-letter topic unchanged. */
  message: KafkaMessage;
  topic: string;
  partition: number;
  error: string;
  attempts: number;
}

/** Where the Kafka bus puts dead letters. */
export interface KafkaDeadLetterLog {
  record(entry: KafkaDeadLetterEntry): Promise<void>;
}

/** Wiring and tuning of the Kafka dead-letter store. */
export interface KafkaDeadLetterStoreOptions {
  kafka: Kafka;
  /** The live handlers of the bus in this process: replays go through them. */
  handlers: ConsumerHandlerRegistry;
  /** How long `list` and `replay` wait to have read the dead-letter topics to their end (default 10 s). */
  readTimeoutMs?: number;
  /** Broker default when omitted. */
  replicationFactor?: number;
  now?: () => Date;
  logger?: BusLogger;
  /** A replay hands the handler the event lifted to the current schema version, as the live consumers do. */
  upcasters?: Upcasters;
}

/** The latest word on a dead letter's replays, as kept in `<group>.dlq.replays` under its id. */
interface ReplayRecord {
  attempts: number;
  error: string;
  replayedAt: string | null;
}

interface StoredDeadLetter {
  letter: Omit<DeadLetter, 'replayedAt'>;
  offset: bigint;
}

/**
 * Dead letters of the Kafka bus (DESIGN §3). Each group's dead letters are records of `<group>.dlq` (kept
 * forever): the event's record unchanged plus headers with the error, the attempts, the time and where it
 * came from. The id is derived from the group and the source record's topic, partition and offset, so a
 * record dead-lettered twice (a crash before the commit) is listed once. Replays are tracked in the
 * compacted `<group>.dlq.replays`, keyed by dead-letter id, each record holding the dead letter's attempts,
 * last error and replay time; the latest record wins. Listing reads both topics to their end through a
 * group-less reader (a throwaway consumer group that never commits). A replay runs the group's live handler
 * in this process, so it must be called where that group's consumer runs; two processes replaying one dead
 * letter at the same moment could both run the handler (handlers are idempotent).
 */
export class KafkaDeadLetterStore implements DeadLetterStore, KafkaDeadLetterLog {
  private readonly provisioner: TopicProvisioner;
  private readonly reader: DeadLetterReader;
  private readonly replaying = new Map<string, Promise<void>>();
  private readonly logger: BusLogger;
  private readonly now: () => Date;
  private producer: Producer | undefined;
  private producerConnected: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: KafkaDeadLetterStoreOptions) {
    this.provisioner = new TopicProvisioner(options.kafka.admin());
    this.logger = options.logger ?? stderrBusLogger;
    this.now = options.now ?? (() => new Date());
    this.reader = new DeadLetterReader(options.kafka, this.provisioner, this.logger);
  }

  async record(entry: KafkaDeadLetterEntry): Promise<void> {
    const { group, message } = entry;
    await this.ensureTopics(group);
    const headers: IHeaders = {
      ...message.headers,
      [DEAD_LETTER_HEADERS.id]: deadLetterId(group, entry.topic, entry.partition, message.offset),
      [DEAD_LETTER_HEADERS.group]: group,
      [DEAD_LETTER_HEADERS.error]: entry.error,
      [DEAD_LETTER_HEADERS.attempts]: String(entry.attempts),
      [DEAD_LETTER_HEADERS.deadLetteredAt]: this.now().toISOString(),
      [DEAD_LETTER_HEADERS.sourceTopic]: entry.topic,
      [DEAD_LETTER_HEADERS.sourcePartition]: String(entry.partition),
      [DEAD_LETTER_HEADERS.sourceOffset]: message.offset,
    };
    await this.produce(deadLetterTopic(group), { key: message.key, value: message.value, headers });
  }

  async list(options: { group?: string; includeReplayed?: boolean } = {}): Promise<DeadLetter[]> {
    const wanted = options.group === undefined ? undefined : [deadLetterTopic(options.group), replayTopic(options.group)];
    const topics = (await this.provisioner.existing(wanted)).filter((topic) => groupOfDeadLetterTopic(topic) !== undefined);
    if (topics.length === 0) return [];
    await this.reader.readToEnd(topics, this.readTimeoutMs);
    return this.reader
      .letters()
      .filter(({ letter }) => options.group === undefined || letter.group === options.group)
      .map((stored) => ({ ...stored, letter: this.withReplays(stored.letter) }))
      .filter(({ letter }) => options.includeReplayed || letter.replayedAt === null)
      .sort((a, b) => a.letter.deadLetteredAt.localeCompare(b.letter.deadLetteredAt) || compareBig(a.offset, b.offset))
      .map(({ letter }) => letter);
  }

  async replay(id: string): Promise<void> {
    // One replay of an id at a time in this process; the second sees the first's outcome.
    const previous = this.replaying.get(id);
    const current = (previous ?? Promise.resolve()).catch(() => undefined).then(() => this.replayOnce(id));
    this.replaying.set(id, current);
    try {
      await current;
    } finally {
      if (this.replaying.get(id) === current) this.replaying.delete(id);
    }
  }

  /** Stops the reader and disconnects; dead letters stay in their topics. */
  async close(): Promise<void> {
    this.closed = true;
    await this.reader.close();
    if (this.producerConnected) await this.producer?.disconnect().catch(() => undefined);
    await this.provisioner.disconnect().catch(() => undefined);
  }

  private get readTimeoutMs(): number {
    return this.options.readTimeoutMs ?? 10_000;
  }

  private async replayOnce(id: string): Promise<void> {
    const found = await this.find(id);
    if (!found) throw new DeadLetterNotFoundError(id);
    const letter = this.withReplays(found);
    if (letter.replayedAt !== null) throw new DeadLetterAlreadyReplayedError(id, letter.replayedAt);
    const handler = this.options.handlers.handlerFor(letter.group);
    if (!handler) throw new NoLiveConsumerError(letter.group);
    try {
      await handler(this.options.upcasters ? this.options.upcasters.upcast(letter.event) : letter.event);
    } catch (error) {
      const attempts = letter.attempts + 1;
      await this.recordReplay(letter.group, id, { attempts, error: errorMessage(error), replayedAt: null });
      throw new DeadLetterReplayFailedError(id, letter.group, attempts, error);
    }
    await this.recordReplay(letter.group, id, { attempts: letter.attempts, error: letter.error, replayedAt: this.now().toISOString() });
  }

  /** The dead letter with this id, read up to the end of its group's topics (all groups' when not seen yet). */
  private async find(id: string): Promise<Omit<DeadLetter, 'replayedAt'> | undefined> {
    const seen = this.reader.letter(id);
    const wanted = seen ? [deadLetterTopic(seen.group), replayTopic(seen.group)] : undefined;
    const topics = (await this.provisioner.existing(wanted)).filter((topic) => groupOfDeadLetterTopic(topic) !== undefined);
    if (topics.length === 0) return undefined;
    await this.reader.readToEnd(topics, this.readTimeoutMs);
    return this.reader.letter(id);
  }

  private withReplays(letter: Omit<DeadLetter, 'replayedAt'>): DeadLetter {
    const replay = this.reader.replay(letter.id);
    return replay ? { ...letter, attempts: replay.attempts, error: replay.error, replayedAt: replay.replayedAt } : { ...letter, replayedAt: null };
  }

  /** Writes the replay record and waits until the reader has it, so the next `list` shows it. */
  private async recordReplay(group: string, id: string, record: ReplayRecord): Promise<void> {
    const topic = replayTopic(group);
    await this.ensureTopics(group);
    await this.produce(topic, { key: id, value: JSON.stringify(record) });
    await this.reader.readToEnd([deadLetterTopic(group), topic], this.readTimeoutMs);
  }

  private async ensureTopics(group: string): Promise<void> {
    const replication = this.options.replicationFactor !== undefined ? { replicationFactor: this.options.replicationFactor } : {};
    const config = (topic: string): Omit<ITopicConfig, 'topic'> => ({
      numPartitions: 1,
      ...replication,
      configEntries:
        topic === replayTopic(group)
          ? [{ name: 'cleanup.policy', value: 'compact' }]
          : // An operator decides when a dead letter may go, not a retention timer.
            [{ name: 'retention.ms', value: '-1' }],
    });
    await this.provisioner.ensure([deadLetterTopic(group), replayTopic(group)], config);
  }

  private async produce(topic: string, message: { key: Buffer | string | null; value: Buffer | string | null; headers?: IHeaders }): Promise<void> {
    if (this.closed) throw new Error('The dead-letter store is closed');
    this.producer ??= this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const producer = this.producer;
    this.producerConnected ??= producer.connect().catch((error: unknown) => {
      this.producerConnected = undefined;
      throw error;
    });
    await this.producerConnected;
    await producer.send({ topic, acks: -1, messages: [message] });
  }
}

/**
 * Reads dead-letter and replay topics from their beginning with a consumer group of its own that never
 * commits (kafkajs has no group-less consumer). kafkajs cannot add topics to a running consumer, so a
 * topic not read yet restarts the reader over all of them.
 */
class DeadLetterReader {
  private consumer: { consumer: KafkaConsumer; groupId: string; crashed: boolean } | undefined;
  private topics = new Set<string>();
  private generation = 0;
  private readonly next = new Map<string, bigint>();
  private readonly stored = new Map<string, StoredDeadLetter>();
  private readonly replays = new Map<string, ReplayRecord>();
  private readonly listeners = new Set<() => void>();
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kafka: Kafka,
    private readonly provisioner: TopicProvisioner,
    private readonly logger: BusLogger,
  ) {}

  letters(): StoredDeadLetter[] {
    return [...this.stored.values()];
  }

  letter(id: string): Omit<DeadLetter, 'replayedAt'> | undefined {
    return this.stored.get(id)?.letter;
  }

  replay(id: string): ReplayRecord | undefined {
    return this.replays.get(id);
  }

  /** Resolves once every record now in `topics` has been read (rejects after `timeoutMs`). */
  async readToEnd(topics: readonly string[], timeoutMs: number): Promise<void> {
    await this.exclusively(async () => {
      if (!this.consumer || this.consumer.crashed || topics.some((topic) => !this.topics.has(topic))) {
        const still = await this.provisioner.existing([...this.topics]);
        await this.restart([...new Set([...still, ...topics])]);
      }
    });
    const ends = await Promise.all(
      topics.map(async (topic) => (await this.provisioner.offsets(topic)).map(({ partition, low, high }) => ({ key: `${topic}/${partition}`, low, high }))),
    );
    const partitions = ends.flat();
    const caughtUp = () => partitions.every(({ key, low, high }) => (this.next.get(key) ?? low) >= high);
    if (caughtUp()) return;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      const check = () => {
        if (!caughtUp()) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Could not read the dead-letter topics ${topics.join(', ')} to their end within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  async close(): Promise<void> {
    await this.exclusively(async () => {
      this.generation += 1;
      await this.dispose();
    });
  }

  /** Stops the current consumer and removes its throwaway group, which would otherwise linger on the broker. */
  private async dispose(): Promise<void> {
    const current = this.consumer;
    this.consumer = undefined;
    if (!current) return;
    await current.consumer.disconnect().catch(() => undefined);
    const admin = await this.provisioner.connect().catch(() => undefined);
    await admin?.deleteGroups([current.groupId]).catch(() => undefined);
  }

  private async restart(topics: string[]): Promise<void> {
    this.generation += 1;
    const generation = this.generation;
    await this.dispose();
    this.next.clear();
    this.stored.clear();
    this.replays.clear();
    this.topics = new Set(topics);
    const groupId = `kinship-dlq-reader-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 500, allowAutoTopicCreation: false });
    const entry = { consumer, groupId, crashed: false };
    consumer.on(consumer.events.CRASH, (event) => {
      this.logger.error({ err: event.payload.error }, 'the dead-letter reader crashed');
      // kafkajs restarts it after retriable errors; otherwise the next read starts a new one.
      if (!event.payload.restart) entry.crashed = true;
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          if (this.generation !== generation) return;
          for (const message of batch.messages) this.apply(batch.topic, message);
          const last = batch.messages.at(-1);
          if (last) this.next.set(`${batch.topic}/${batch.partition}`, BigInt(last.offset) + 1n);
          for (const listener of [...this.listeners]) listener();
        },
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.consumer = entry;
  }

  private apply(topic: string, message: KafkaMessage): void {
    const kind = groupOfDeadLetterTopic(topic)?.kind;
    if (kind === 'replays') {
      const id = message.key?.toString();
      if (!id || message.value === null) return;
      try {
        this.replays.set(id, JSON.parse(message.value.toString()) as ReplayRecord);
      } catch (error) {
        this.logger.warn({ topic, offset: message.offset, err: error }, 'skipping an unreadable replay record');
      }
      return;
    }
    const id = headerText(message.headers, DEAD_LETTER_HEADERS.id);
    const group = headerText(message.headers, DEAD_LETTER_HEADERS.group);
    if (!id || !group || this.stored.has(id)) return;
    this.stored.set(id, {
      offset: BigInt(message.offset),
      letter: {
        id,
        group,
        event: envelopeOf(message),
        error: headerText(message.headers, DEAD_LETTER_HEADERS.error) ?? '',
        attempts: Number(headerText(message.headers, DEAD_LETTER_HEADERS.attempts) ?? 0),
        deadLetteredAt: headerText(message.headers, DEAD_LETTER_HEADERS.deadLetteredAt) ?? new Date(Number(message.timestamp)).toISOString(),
      },
    });
  }

  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }
}

/** The dead-lettered event; a record that was never a valid envelope is shown with what its headers say. */
function envelopeOf(message: KafkaMessage): EventEnvelope {
  try {
    return parseEnvelope(message.value);
  } catch {
    const h = (name: string) => headerText(message.headers, name) ?? '';
    return {
      id: h(EVENT_HEADERS.id),
      type: h(EVENT_HEADERS.type),
      schemaVersion: Number(h(EVENT_HEADERS.schemaVersion)) || 0,
      streamId: message.key?.toString() ?? '',
      streamVersion: -1,
      position: Number(h(EVENT_HEADERS.position)) || 0,
      tenantId: h(EVENT_HEADERS.tenantId),
      occurredAt: new Date(Number(message.timestamp)).toISOString(),
      data: message.value?.toString() ?? null,
      metadata: { correlationId: h(EVENT_HEADERS.correlationId), causationId: null, actor: { userId: 'unknown', role: 'system' }, source: 'unknown' },
    };
  }
}

/** A dead letter's id: a UUID derived from where its record was consumed, so a repeat gets the same id. */
export function deadLetterId(group: string, topic: string, partition: number, offset: string): string {
  const hash = createHash('sha1').update(`${group}\u0000${topic}\u0000${partition}\u0000${offset}`).digest();
  // Laid out as a name-based (version 5) UUID.
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
