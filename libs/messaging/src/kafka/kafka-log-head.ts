import type { Consumer as KafkaConsumer, Kafka } from 'kafkajs';
import { BusLogger, stderrBusLogger } from '../port/bus.observer';
import { classifyRecord } from './records';
import { eventsTopicConfig, TopicLayout, TopicProvisioner } from './topic-provisioner';
import { TopicRouter } from './topics';

/** Wiring and tuning of a Kafka log head. */
export interface KafkaLogHeadOptions {
  kafka: Kafka;
  /** Category → topic, the same router the relays and consumers use. */
  topicFor: TopicRouter;
  /** Every category `headPosition` may be asked about; their topics are followed from the start. */
  categories: readonly string[];
  /** The reader's consumer group: unique per process, and it never commits, so it leaves nothing behind. */
  groupId: string;
  /** Layout of events topics the reader creates when it starts before any relay has. */
  topics?: TopicLayout;
  /** How long `headPosition` waits to have read up to the topics' current end (default 10 s). */
  timeoutMs?: number;
  /** Longest a fetch waits at the broker for new records (default 200 ms): the latency of `headPosition`. */
  maxWaitTimeInMs?: number;
  logger?: BusLogger;
}

/** Raised by `KafkaLogHead.headPosition` when the reader could not reach the topics' end in time. */
export class LogHeadTimeoutError extends Error {
  override readonly name = 'LogHeadTimeoutError';
  constructor(
    readonly topics: readonly string[],
    timeoutMs: number,
  ) {
    super(`Could not read to the end of ${topics.join(', ')} within ${timeoutMs} ms`);
  }
}

interface Tail {
  /** The next offset the reader will take from this partition. */
  next: bigint;
  /** The highest source position read in this partition (events and watermarks alike); 0 before any. */
  position: number;
}

/**
 * How far the log goes, for a process that keeps no event store of its own (the projections service): the
 * head position of the source stores as far as their relays have produced it to Kafka. The relay writes its
 * produced position into every partition (watermarks) and each event carries its own, so the last record of
 * each partition tells how far that partition goes. A group-less reader follows the topics from their last
 * record on; `headPosition(categories)` reads the topics' end offsets and waits until the reader has read
 * that far, so the answer includes everything acknowledged before the call.
 *
 * Limits: positions compare only within one source store, and each context's topic is fed by its own store.
 * With categories of one context (the resident directory reads only the registry's) the answer is exact; with
 * several it is the lowest of their heads, the only single number a consumer position (itself the lowest
 * over its partitions) can be compared with. It is the head of what reached Kafka: events still in a
 * service's outbox are not counted (that is the relay's lag, reported by the relay).
 */
export class KafkaLogHead {
  private readonly topics: string[];
  private readonly provisioner: TopicProvisioner;
  private readonly consumer: KafkaConsumer;
  private readonly logger: BusLogger;
  private readonly tails = new Map<string, Tail>();
  private readonly listeners = new Set<() => void>();
  private started: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: KafkaLogHeadOptions) {
    this.topics = [...new Set(options.categories.map((category) => options.topicFor(category)))];
    if (this.topics.length === 0) throw new RangeError('A Kafka log head must follow at least one category');
    this.provisioner = new TopicProvisioner(options.kafka.admin());
    this.logger = options.logger ?? stderrBusLogger;
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 200,
    });
  }

  /** Creates missing topics and starts following them; resolves before the reader has joined. */
  start(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('The Kafka log head was stopped; create a new one'));
    this.started ??= this.follow().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  /**
   * The head position of the store whose topic carries `categories` (every followed category when omitted;
   * with several stores, the lowest of their heads). 0 while nothing has been produced.
   */
  async headPosition(categories?: readonly string[]): Promise<number> {
    const topics = categories ? [...new Set(categories.map((category) => this.options.topicFor(category)))] : this.topics;
    const unknown = topics.filter((topic) => !this.topics.includes(topic));
    if (unknown.length > 0) throw new RangeError(`The log head does not follow ${unknown.join(', ')}`);
    await this.start();
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    const ends = await Promise.all(topics.map(async (topic) => ({ topic, partitions: await this.provisioner.offsets(topic) })));
    const behind = () =>
      ends.some(({ topic, partitions }) => partitions.some(({ partition, high, low }) => high > low && (this.tails.get(`${topic}/${partition}`)?.next ?? low) < high));
    while (behind()) {
      if (this.stopped) throw new Error('The Kafka log head was stopped');
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new LogHeadTimeoutError(topics, timeoutMs);
      await this.progress(remaining);
    }
    let lowest = Number.POSITIVE_INFINITY;
    for (const { topic, partitions } of ends) {
      let highest = 0;
      for (const { partition } of partitions) highest = Math.max(highest, this.tails.get(`${topic}/${partition}`)?.position ?? 0);
      // A topic nothing was produced to yet says nothing about how far its store goes.
      if (highest > 0) lowest = Math.min(lowest, highest);
    }
    return Number.isFinite(lowest) ? lowest : 0;
  }

  /** Leaves the group (which holds no offsets, so the broker forgets it) and disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const listener of this.listeners) listener();
    await this.started?.catch(() => undefined);
    await this.consumer.disconnect().catch(() => undefined);
    await this.provisioner.disconnect().catch(() => undefined);
  }

  private async follow(): Promise<void> {
    await this.provisioner.ensure(this.topics, () => eventsTopicConfig(this.options.topics));
    const { GROUP_JOIN, CRASH } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, (event) => void this.seekToLastRecords(event.payload.memberAssignment));
    this.consumer.on(CRASH, (event) =>
      this.logger.error({ group: this.options.groupId, err: event.payload.error, restart: event.payload.restart }, 'Kafka log head reader crashed'),
    );
    await this.consumer.connect();
    // Without committed offsets the reader starts at each partition's end; the join handler steps back one record.
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.topics.length,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}/${batch.partition}`;
        const tail = this.tails.get(key) ?? { next: 0n, position: 0 };
        for (const message of batch.messages) {
          const record = classifyRecord(message);
          if (record.kind !== 'foreign') tail.position = Math.max(tail.position, record.position);
          tail.next = BigInt(message.offset) + 1n;
        }
        this.tails.set(key, tail);
        this.notify();
      },
    });
  }

  /**
   * Only the last record of a partition matters (within a partition positions only grow), so the reader starts
   * there, or where it had got to before a rejoin: never at the end offset kafkajs picks by itself, which may
   * lie past records that arrived meanwhile.
   */
  private async seekToLastRecords(assignment: Record<string, number[]>): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        for (const topic of this.topics) {
          const assigned = assignment[topic] ?? [];
          if (assigned.length === 0) continue;
          for (const { partition, low, high } of await this.provisioner.offsets(topic)) {
            if (!assigned.includes(partition)) continue;
            const reached = this.tails.get(`${topic}/${partition}`)?.next ?? 0n;
            const last = high > low ? high - 1n : low;
            this.consumer.seek({ topic, partition, offset: String(reached > last ? reached : last) });
          }
        }
        return;
      } catch (error) {
        this.logger.warn({ group: this.options.groupId, err: error, attempt }, 'Kafka log head could not find the last records; trying again');
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 5000)));
      }
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves at the reader's next batch, on stop, or after `ms`. */
  private progress(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.listeners.add(done);
    });
  }
}
