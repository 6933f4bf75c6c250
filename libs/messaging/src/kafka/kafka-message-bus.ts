import type { Admin, Consumer as KafkaConsumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { EventEnvelope, streamCategory, Upcasters } from '@kinship/contracts';
import { PositionWaiters } from '@kinship/eventsourcing';
import { Consumer, ConsumerSpec, MessageBus } from '../port/bus.port';
import { ConsumerStoppedError, WaitForTimeoutError, errorMessage } from '../port/bus.errors';
import { BusLogger, ConsumerLagReporter, stderrBusLogger } from '../port/bus.observer';
import { ConsumerHandlerRegistry } from '../embedded/consumer-handler-registry';
import { KafkaDeadLetterLog } from './kafka-dead-letter-store';
import { classifyRecord, parseEnvelope } from './records';
import { eventsTopicConfig, TopicLayout, TopicProvisioner } from './topic-provisioner';
import { TopicRouter } from './topics';
import { checkConsumerSpec, nonNegative, pause, retryDelay } from '../port/consumer-rules';

/** Wiring and tuning of the Kafka bus; the defaults suit production, tests shorten the delays. */
export interface KafkaMessageBusOptions {
  kafka: Kafka;
  /** Category → topic, the same router the relays use. */
  topicFor: TopicRouter;
  deadLetters: KafkaDeadLetterLog;
  /** Shared with the dead-letter store so replays reach the live handlers; a private one when omitted. */
  handlers?: ConsumerHandlerRegistry;
  /** Layout of events topics a consumer creates when it subscribes before any relay has. */
  topics?: TopicLayout;
  /**
   * Lift each event to the schema version this process knows before a handler sees it, as the stores do on read:
   * the topics keep what older producers wrote. An event that cannot be lifted is dead-lettered.
   */
  upcasters?: Upcasters;
  /** First retry delay after a handler failure, doubled per attempt up to `retryMaxDelayMs` (default 100 ms). */
  retryBaseDelayMs?: number;
  /** Default 5 s. */
  retryMaxDelayMs?: number;
  /** Pause after the dead letter could not be written, before trying again (default 500 ms). */
  errorBackoffMs?: number;
  /**
   * How often a partition's progress is committed (default 1 s): within a long batch, and after a batch by a
   * timer, so a stream of small batches costs one commit per interval rather than one per batch. A stopping
   * consumer commits at once; a crash redelivers at most this much, which idempotent handlers absorb.
   */
  commitIntervalMs?: number;
  /** Partitions handled at the same time by one consumer (default 3); order holds within each partition. */
  partitionsConsumedConcurrently?: number;
  /** kafkajs consumer session timeout (default 30 s): a handler may run this long between heartbeats. */
  sessionTimeoutMs?: number;
  /** Longest a fetch waits at the broker for new records (default 1 s). */
  maxWaitTimeInMs?: number;
  logger?: BusLogger;
  /** Receives the group's lag in records (high watermark − next offset, summed over its partitions). */
  onLag?: ConsumerLagReporter;
}

interface Settings {
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  errorBackoffMs: number;
  commitIntervalMs: number;
  logger: BusLogger;
  onLag?: ConsumerLagReporter;
}

/**
 * The distributed bus (DESIGN §3) on kafkajs: one Kafka consumer group per `ConsumerSpec.group`, reading the
 * topics its categories map to from the beginning (a new group rebuilds), handing events of its categories to
 * the handler one partition at a time (so in order per stream), with bounded retries and then a dead letter
 * in `<group>.dlq`. Offsets are committed by hand, only past records that were handled, dead-lettered, or
 * not for this group. See `KafkaBusConsumer` for positions.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly consumers = new Set<KafkaBusConsumer>();
  private readonly handlers: ConsumerHandlerRegistry;
  private readonly provisioner: TopicProvisioner;
  private readonly settings: Settings;
  private closed = false;

  constructor(private readonly options: KafkaMessageBusOptions) {
    this.handlers = options.handlers ?? new ConsumerHandlerRegistry();
    this.provisioner = new TopicProvisioner(options.kafka.admin());
    this.settings = {
      retryBaseDelayMs: nonNegative('retryBaseDelayMs', options.retryBaseDelayMs ?? 100),
      retryMaxDelayMs: nonNegative('retryMaxDelayMs', options.retryMaxDelayMs ?? 5000),
      errorBackoffMs: nonNegative('errorBackoffMs', options.errorBackoffMs ?? 500),
      commitIntervalMs: nonNegative('commitIntervalMs', options.commitIntervalMs ?? 1000),
      logger: options.logger ?? stderrBusLogger,
      onLag: options.onLag,
    };
  }

  async subscribe(spec: ConsumerSpec): Promise<Consumer> {
    const maxAttempts = checkConsumerSpec(spec, this.closed);
    const topics = [...new Set(spec.categories.map((category) => this.options.topicFor(category)))];
    // Registered before joining so two concurrent subscriptions of one group cannot both start.
    this.handlers.register(spec.group, spec.handler);
    let consumer: KafkaBusConsumer | undefined;
    try {
      await this.provisioner.ensure(topics, () => eventsTopicConfig(this.options.topics));
      const admin = await this.provisioner.connect();
      const created: KafkaBusConsumer = new KafkaBusConsumer({ ...spec, maxAttempts }, topics, this.options, admin, this.settings, () => {
        this.consumers.delete(created);
        this.handlers.unregister(spec.group, spec.handler);
      });
      consumer = created;
      this.consumers.add(consumer);
      await consumer.start();
      // The bus may have been closed while the consumer was joining: such a consumer must not outlive it.
      if (this.closed) {
        await consumer.stop();
        throw new Error(`The bus closed while consumer group ${spec.group} was subscribing`);
      }
      return consumer;
    } catch (error) {
      if (consumer) this.consumers.delete(consumer);
      this.handlers.unregister(spec.group, spec.handler);
      throw error;
    }
  }

  /** Stops every consumer (each finishes the event in hand and commits); the dead-letter store stays open. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    await this.provisioner.disconnect().catch(() => undefined);
  }
}

interface PartitionState {
  topic: string;
  partition: number;
  /** Every event of this partition up to this source position has been handled, dead-lettered or passed over. */
  through: number;
  /** The offset to commit: the next record to read. */
  nextOffset: string | null;
  committedOffset: string | null;
  committedThrough: number;
  committedAt: number;
  /** A batch of this partition is being handled: that batch commits it, the flush timer leaves it alone. */
  inBatch: boolean;
}

type Outcome = 'done' | 'abandoned';

/**
 * One group's Kafka consumer. Positions: every record carries its source store's global position (events in
 * a header, and the relay's watermark records, which it writes into every partition after the events they
 * vouch for). Per assigned partition the consumer tracks the highest position it has gone past; within a
 * partition positions only grow, because the relay produces in store order with one request in flight. So
 * `position()` is the minimum over the assigned partitions, and `waitFor(p)` resolves once every assigned
 * partition has gone past `p`: then no event at or before `p` is still to be handled, whichever partition
 * its stream hashes to. The position is committed with each offset (as offset metadata), so a restarted
 * group knows it at once. Positions compare within one source store: a group following topics of several
 * contexts has one position per store, and waits for the lowest. With several members in a group, each
 * member speaks for the partitions it was assigned.
 */
class KafkaBusConsumer implements Consumer {
  readonly group: string;
  private readonly consumer: KafkaConsumer;
  private readonly categories: ReadonlySet<string>;
  private readonly partitions = new Map<string, PartitionState>();
  private readonly waiters = new PositionWaiters();
  private readonly lag = new Map<string, number>();
  private readonly stopping = new AbortController();
  private readonly deadLetters: KafkaDeadLetterLog;
  private readonly concurrency: number;
  private readonly upcasters: Upcasters | undefined;
  private stopped: Promise<void> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly spec: ConsumerSpec & { maxAttempts: number },
    private readonly topics: readonly string[],
    options: KafkaMessageBusOptions,
    private readonly admin: Admin,
    private readonly settings: Settings,
    private readonly onStopped: () => void,
  ) {
    this.group = spec.group;
    this.categories = new Set(spec.categories);
    this.deadLetters = options.deadLetters;
    this.consumer = options.kafka.consumer({
      groupId: spec.group,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 1000,
    });
    this.concurrency = options.partitionsConsumedConcurrently ?? 3;
    this.upcasters = options.upcasters;
  }

  /** Joins the group; resolves once the first assignment is in. */
  async start(): Promise<void> {
    const { GROUP_JOIN, CRASH } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, (event) => this.assigned(event.payload.memberAssignment));
    this.consumer.on(CRASH, (event) =>
      this.settings.logger.error({ group: this.group, err: event.payload.error, restart: event.payload.restart }, 'Kafka consumer crashed'),
    );
    await this.consumer.connect();
    try {
      await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
      await this.consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.concurrency,
        eachBatch: (payload) => this.eachBatch(payload),
      });
    } catch (error) {
      await this.consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async position(): Promise<number> {
    return this.reached();
  }

  waitFor(position: number, timeoutMs: number): Promise<void> {
    if (this.reached() >= position) return Promise.resolve();
    if (this.stopped) return Promise.reject(new ConsumerStoppedError(this.group));
    return this.waiters.wait(position, timeoutMs, () => new WaitForTimeoutError(this.group, position, this.reached(), timeoutMs));
  }

  /** Lets the event in hand finish (a retry backoff is cut short, its event not dead-lettered), commits, leaves the group. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping.abort();
      clearTimeout(this.flushTimer);
      try {
        // Partitions between batches commit here; those in a batch commit as their batch ends.
        await this.flush();
        await this.consumer.disconnect();
      } finally {
        this.onStopped();
        this.waiters.rejectAll(new ConsumerStoppedError(this.group));
      }
    })();
    return this.stopped;
  }

  /** The lowest position over the assigned partitions; 0 before the group has assigned any. */
  private reached(): number {
    if (this.partitions.size === 0) return 0;
    let lowest = Number.POSITIVE_INFINITY;
    for (const state of this.partitions.values()) lowest = Math.min(lowest, state.through);
    return lowest;
  }

  private assigned(assignment: Record<string, number[]>): void {
    const keep = new Set<string>();
    const fresh: PartitionState[] = [];
    for (const topic of this.topics) {
      for (const partition of assignment[topic] ?? []) {
        const key = `${topic}/${partition}`;
        keep.add(key);
        if (!this.partitions.has(key)) fresh.push(this.stateFor(topic, partition));
      }
    }
    for (const key of [...this.partitions.keys()]) if (!keep.has(key)) this.partitions.delete(key);
    if (fresh.length > 0) void this.loadCommittedPositions(fresh);
    this.settle();
  }

  /** Each partition's position as committed with its offset by the group's last owner of it. */
  private async loadCommittedPositions(states: PartitionState[]): Promise<void> {
    try {
      const committed = await this.admin.fetchOffsets({ groupId: this.group, topics: [...new Set(states.map((s) => s.topic))] });
      for (const { topic, partitions } of committed) {
        for (const { partition, metadata } of partitions) {
          const state = states.find((s) => s.topic === topic && s.partition === partition);
          const position = Number(metadata);
          if (state && Number.isSafeInteger(position) && position > state.through) {
            state.through = position;
            state.committedThrough = Math.max(state.committedThrough, position);
          }
        }
      }
      this.settle();
    } catch (error) {
      this.settings.logger.warn({ group: this.group, err: error }, 'could not read committed positions; they return with the next records');
    }
  }

  private stateFor(topic: string, partition: number): PartitionState {
    const key = `${topic}/${partition}`;
    let state = this.partitions.get(key);
    if (!state) {
      state = { topic, partition, through: 0, nextOffset: null, committedOffset: null, committedThrough: 0, committedAt: Date.now(), inBatch: false };
      this.partitions.set(key, state);
    }
    return state;
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    const state = this.stateFor(batch.topic, batch.partition);
    const commit = async () => {
      const due = uncommitted(state);
      if (!due) return;
      await commitOffsetsIfNecessary({ topics: [{ topic: state.topic, partitions: [due] }] });
      committed(state, due);
    };
    state.inBatch = true;
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale() || this.stopping.signal.aborted) break;
        const outcome = await this.process(batch.topic, batch.partition, message, heartbeat);
        if (outcome === 'abandoned') break;
        resolveOffset(message.offset);
        state.nextOffset = (BigInt(message.offset) + 1n).toString();
        this.reportLag(state, batch.highWatermark);
        if (Date.now() - state.committedAt >= this.settings.commitIntervalMs) await commit();
        await heartbeat();
      }
    } finally {
      state.inBatch = false;
      // Leaving the partition (stop, rebalance): commit now. Otherwise the timer commits whatever is left.
      if (!isRunning() || isStale() || this.stopping.signal.aborted || Date.now() - state.committedAt >= this.settings.commitIntervalMs) await commit();
      else if (uncommitted(state)) this.scheduleFlush();
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined || this.stopping.signal.aborted) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.settings.commitIntervalMs);
  }

  /** Commits every partition that moved since its last commit and is between batches. */
  private async flush(): Promise<void> {
    const due = [...this.partitions.values()].flatMap((state) => {
      const offset = state.inBatch ? undefined : uncommitted(state);
      return offset ? [{ state, offset }] : [];
    });
    if (due.length === 0) return;
    try {
      await this.consumer.commitOffsets(due.map(({ state, offset }) => ({ topic: state.topic, ...offset })));
      for (const { state, offset } of due) committed(state, offset);
    } catch (error) {
      // A rebalance in between rejects the commit: the new owner reads those records again, which handlers absorb.
      this.settings.logger.warn({ group: this.group, err: error }, 'could not commit consumer offsets; retrying at the next interval');
      if (!this.stopping.signal.aborted) this.scheduleFlush();
    }
  }

  /** Handles, passes over or dead-letters one record; `abandoned` when the consumer stops before it is done. */
  private async process(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<Outcome> {
    const record = classifyRecord(message);
    const state = this.stateFor(topic, partition);
    if (record.kind === 'foreign') {
      this.settings.logger.warn({ group: this.group, topic, partition, offset: message.offset }, 'skipping a record that no outbox relay wrote');
      return 'done';
    }
    if (record.kind === 'event' && this.categories.has(streamCategory(record.streamId))) {
      const outcome = await this.deliver(topic, partition, message, heartbeat);
      if (outcome === 'abandoned') return outcome;
    }
    this.advance(state, record.position);
    return 'done';
  }

  private async deliver(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<Outcome> {
    const { group, maxAttempts } = this.spec;
    let event: EventEnvelope;
    try {
      event = parseEnvelope(message.value);
      if (this.upcasters) event = this.upcasters.upcast(event);
    } catch (error) {
      return this.deadLetter({ group, message, topic, partition, error: errorMessage(error), attempts: 1 }, error);
    }
    for (let attempts = 1; ; attempts++) {
      try {
        await this.spec.handler(event);
        return 'done';
      } catch (error) {
        if (attempts >= maxAttempts) return this.deadLetter({ group, message, topic, partition, error: errorMessage(error), attempts }, error);
        this.settings.logger.warn({ group, eventId: event.id, position: event.position, attempt: attempts, err: error }, 'handler failed; retrying');
        await pause(retryDelay(attempts, this.settings.retryBaseDelayMs, this.settings.retryMaxDelayMs), this.stopping.signal);
        if (this.stopping.signal.aborted) return 'abandoned';
        await heartbeat();
      }
    }
  }

  /** Writes the dead letter, trying until it is written or the consumer stops (then the record comes again). */
  private async deadLetter(entry: Parameters<KafkaDeadLetterLog['record']>[0], cause: unknown): Promise<Outcome> {
    for (;;) {
      try {
        await this.deadLetters.record(entry);
        this.settings.logger.warn(
          { group: this.group, topic: entry.topic, partition: entry.partition, offset: entry.message.offset, attempts: entry.attempts, err: cause },
          'handler failed every attempt; event dead-lettered',
        );
        return 'done';
      } catch (error) {
        this.settings.logger.error({ group: this.group, offset: entry.message.offset, err: error }, 'could not write a dead letter; retrying');
        await pause(this.settings.errorBackoffMs, this.stopping.signal);
        if (this.stopping.signal.aborted) return 'abandoned';
      }
    }
  }

  private advance(state: PartitionState, position: number): void {
    if (position <= state.through) return;
    state.through = position;
    this.settle();
  }

  private settle(): void {
    if (this.waiters.size === 0) return;
    this.waiters.release(this.reached());
  }

  private reportLag(state: PartitionState, highWatermark: string): void {
    const { onLag } = this.settings;
    if (!onLag || state.nextOffset === null) return;
    this.lag.set(`${state.topic}/${state.partition}`, Math.max(0, Number(BigInt(highWatermark) - BigInt(state.nextOffset))));
    let total = 0;
    for (const [key, value] of this.lag) if (this.partitions.has(key)) total += value;
    try {
      onLag(this.group, total);
    } catch (error) {
      this.settings.logger.warn({ group: this.group, err: error }, 'consumer lag reporter failed');
    }
  }
}

/** The commit a partition is due (its next offset, its position as metadata), or undefined when nothing moved. */
function uncommitted(state: PartitionState): { partition: number; offset: string; metadata: string } | undefined {
  if (state.nextOffset === null || (state.nextOffset === state.committedOffset && state.through === state.committedThrough)) return undefined;
  // The position rides along as offset metadata, so whoever takes the partition over knows it at once.
  return { partition: state.partition, offset: state.nextOffset, metadata: String(state.through) };
}

/** Records a commit; one that overtook a later commit (timer and batch) must not move the marks back. */
function committed(state: PartitionState, done: { offset: string; metadata: string }): void {
  if (state.committedOffset === null || BigInt(done.offset) >= BigInt(state.committedOffset)) {
    state.committedOffset = done.offset;
    state.committedThrough = Math.max(state.committedThrough, Number(done.metadata));
  }
  state.committedAt = Date.now();
}

/** Sleeps until `ms` pass or the consumer is stopped. */
