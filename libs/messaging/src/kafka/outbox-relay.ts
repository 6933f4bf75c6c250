import { Partitioners, type Kafka, type Message, type PartitionMetadata, type Producer, type RetryOptions, type TopicMessages } from 'kafkajs';
import { EventEnvelope, streamCategory } from '@kinship/contracts';
import { AppendNotifications, CheckpointStore, EventStore, LeadershipTerm, PositionWaiters } from '@kinship/eventsourcing';
import { BusLogger, stderrBusLogger } from '../port/bus.observer';
import { eventRecord, watermarkRecord } from './records';
import { eventsTopicConfig, TopicLayout, TopicProvisioner } from './topic-provisioner';
import { TopicRouter } from './topics';
import { retryDelay } from '../port/consumer-rules';

/** Wiring and tuning of an outbox relay; the defaults suit production, tests shorten the delays. */
export interface OutboxRelayOptions {
  /** The service's event store: its outbox (DESIGN §3). */
  store: EventStore;
  /** Where the relay keeps how far it has produced, under `name`. */
  checkpoints: CheckpointStore;
  kafka: Kafka;
  /** Category → topic; the consumers must use the same router. */
  topicFor: TopicRouter;
  /** The checkpoint name (default `kafka-outbox-relay`); one relay runs per name. */
  name?: string;
  /** Categories to relay; all when omitted. */
  categories?: readonly string[];
  /** In-process append notifications (e.g. the SQLite store itself): the relay wakes on each append. */
  notifications?: AppendNotifications;
  /** Most events per produce request (default 5000). */
  batchSize?: number;
  /**
   * How often the checkpoint is stored while relaying (default 200 ms), rather than after every acknowledged
   * batch: under a steady trickle of commands that is one write to the store per interval instead of one per
   * command. A crash re-produces at most this much (delivery is at least once anyway); stop stores it at once.
   */
  checkpointIntervalMs?: number;
  /**
   * Most bytes of records per partition in one request (default 768 KiB), kept under the broker's
   * `message.max.bytes` (1 MiB by default): a larger record batch is refused, and the relay would be stuck.
   */
  maxBytesPerPartition?: number;
  /** How often an idle relay looks for new events (default 100 ms); notifications wake it sooner. */
  pollIntervalMs?: number;
  /** First pause after a failure, doubled per failure in a row up to `retryMaxDelayMs` (default 200 ms). */
  retryBaseDelayMs?: number;
  /** Default 10 s. */
  retryMaxDelayMs?: number;
  /**
   * While events keep coming, how often the relay also writes watermarks (default 200 ms); once it has
   * caught up it writes them with every batch, so `waitFor` on a consumer resolves without waiting.
   */
  watermarkIntervalMs?: number;
  /** Layout of the events topics the relay creates when missing. */
  topics?: TopicLayout;
  /**
   * kafkajs retries within one produce call (default 5 retries within 10 s); after that the relay itself
   * sends the same batch again with backoff, for as long as it takes.
   */
  producerRetry?: RetryOptions;
  logger?: BusLogger;
  /** Told how many positions the relay is behind the store's head after each read: relay lag for metrics. */
  onLag?: (lag: number) => void;
  /**
   * Replicas of a service share one store: with a leadership, only the leader relays (from the checkpoint as
   * the previous leader left it), and a standby takes over when the leader goes. Without one, run one relay per
   * store and name.
   */
  leadership?: RelayLeadership;
}

/** Who may relay among the replicas of a service (e.g. `PostgresLeaderLease`). */
export interface RelayLeadership {
  /** Resolves once this process leads; undefined when `signal` aborts first. */
  lead(signal: AbortSignal): Promise<LeadershipTerm | undefined>;
  /** Gives leadership up, so a standby can take over. */
  release(): Promise<void>;
}

/** Raised by `OutboxRelay.waitFor` when the relay has not produced up to the position in time. */
export class RelayTimeoutError extends Error {
  override readonly name = 'RelayTimeoutError';
  constructor(
    readonly relay: string,
    readonly position: number,
    readonly reached: number,
  ) {
    super(`Outbox relay ${relay} produced up to ${reached}, not ${position}, in time`);
  }
}

/** Raised by `OutboxRelay.waitFor` when the relay stops first. */
export class RelayStoppedError extends Error {
  override readonly name = 'RelayStoppedError';
  constructor(readonly relay: string) {
    super(`Outbox relay ${relay} stopped`);
  }
}

/** A batch on its way to the broker: kept as built until acknowledged, so a retry resends the same records. */
interface PendingBatch {
  topicMessages: TopicMessages[];
  /** Every event of the relayed categories up to here is in the batch or was produced before. */
  through: number;
  /** The store may hold more right away: read again without waiting for a poll. */
  full: boolean;
  watermarked: boolean;
}

/**
 * Tails a service's event store from its checkpoint and produces each event to its context's topic with an
 * idempotent producer and `acks=all` (DESIGN §3). The checkpoint moves only after the broker acknowledged a
 * batch; while the broker is away, commands keep appending to the store and the relay keeps retrying the
 * same batch with backoff, then catches up. With every batch that brings it up to date (and periodically
 * while it is behind) it writes a watermark record into every partition of its topics, which is how
 * consumers know that nothing before a position is still to come in partitions that got no event.
 *
 * Delivery is at least once: after a crash between the acknowledgement and the checkpoint, or when a
 * producer session had to be replaced after a send whose acknowledgement was lost, a batch can appear twice.
 * Run one relay per store and name (two would produce everything twice), or give each replica's relay the
 * same `leadership`.
 */
export class OutboxRelay {
  private readonly name: string;
  private readonly logger: BusLogger;
  private readonly provisioner: TopicProvisioner;
  private readonly knownTopics = new Set<string>();
  private readonly batchSize: number;
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly waiters = new PositionWaiters();
  private producer: Producer | undefined;
  private producerConnected = false;
  private pending: PendingBatch | undefined;
  private produced = 0;
  private stored = 0;
  private storedAt = 0;
  private lastWatermark = 0;
  private lastWatermarkAt = 0;
  private running = false;
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private wakePending = false;
  private unsubscribe: () => void = () => undefined;
  private readonly stopping = new AbortController();
  /** The current term while a leadership is configured; undefined while standing by. */
  private term: LeadershipTerm | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.name = options.name ?? 'kafka-outbox-relay';
    this.logger = options.logger ?? stderrBusLogger;
    this.provisioner = new TopicProvisioner(options.kafka.admin());
    for (const category of options.categories ?? []) this.knownTopics.add(options.topicFor(category));
    this.batchSize = positive('batchSize', options.batchSize ?? 5000);
  }

  /** Loads the checkpoint and starts relaying in the background; a broker that is down does not make it fail. */
  async start(): Promise<void> {
    if (this.running) return;
    if (this.stopped) throw new Error(`Outbox relay ${this.name} was stopped; create a new one`);
    this.produced = this.stored = await this.options.checkpoints.load(this.name);
    this.running = true;
    this.unsubscribe = this.options.notifications?.onAppended(() => this.notify()) ?? (() => undefined);
    this.loop = this.run();
  }

  /** Looks for new events now instead of at the next poll. */
  notify(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wakePending = true;
  }

  /** The position up to which the broker has acknowledged every relayed event. */
  producedPosition(): number {
    return this.produced;
  }

  /** Resolves once every relayed event up to `position` has been acknowledged by the broker. */
  waitFor(position: number, timeoutMs: number): Promise<void> {
    if (this.produced >= position) return Promise.resolve();
    if (this.stopped) return Promise.reject(new RelayStoppedError(this.name));
    const waited = this.waiters.wait(position, timeoutMs, () => new RelayTimeoutError(this.name, position, this.produced));
    this.notify();
    return waited;
  }

  /** Finishes the batch in hand (or gives up its retry), stores the checkpoint and disconnects. */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.stopping.abort();
      this.unsubscribe();
      this.notify();
    }
    await this.loop;
    this.waiters.rejectAll(new RelayStoppedError(this.name));
  }

  private async run(): Promise<void> {
    const base = this.options.retryBaseDelayMs ?? 200;
    const max = this.options.retryMaxDelayMs ?? 10_000;
    let failures = 0;
    while (!this.stopped) {
      let more = false;
      try {
        if (!(await this.leading())) continue;
        more = await this.relayBatch();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.error({ relay: this.name, position: this.produced, failures, err: error }, 'outbox relay could not produce; retrying');
        if (sessionBroken(error)) await this.dropProducer();
        await this.checkpoint(true);
        await this.refreshLag();
        await this.sleep(retryDelay(failures, base, max), false);
        continue;
      }
      await this.checkpoint(false);
      if (!more) await this.sleep(this.options.pollIntervalMs ?? 100, true);
    }
    await this.checkpoint(true);
    await this.dropProducer();
    await this.options.leadership?.release().catch((error: unknown) => this.logger.warn({ relay: this.name, err: error }, 'could not release relay leadership'));
    await this.provisioner.disconnect().catch(() => undefined);
  }

  /**
   * Without a leadership, always. With one: while the term lasts; when it has ended, steps down (what is in hand
   * is dropped, the new leader reads it again) and waits to lead, then carries on from the stored checkpoint.
   */
  private async leading(): Promise<boolean> {
    const { leadership } = this.options;
    if (!leadership) return true;
    if (this.term && !this.term.isOver()) return true;
    if (this.term) {
      this.logger.warn({ relay: this.name, position: this.produced }, 'outbox relay lost its leadership; standing by');
      this.term = undefined;
      this.pending = undefined;
      await this.dropProducer();
    }
    const term = await leadership.lead(this.stopping.signal);
    if (!term) {
      if (this.stopped) return false;
      throw new Error(`The leadership of outbox relay ${this.name} was closed while the relay runs`);
    }
    try {
      // Positions the broker acknowledged to this process stay produced; the last leader may have gone further.
      const stored = await this.options.checkpoints.load(this.name);
      this.stored = stored;
      this.produced = Math.max(this.produced, stored);
      this.waiters.release(this.produced);
    } catch (error) {
      await leadership.release();
      throw error;
    }
    this.term = term;
    this.logger.info({ relay: this.name, position: this.produced }, 'outbox relay leads');
    return true;
  }

  /**
   * Produces one batch (the pending one first); true when the store may hold more right away. While a full
   * batch is on its way, the next one is read and built, so the store and the broker work at the same time.
   */
  private async relayBatch(): Promise<boolean> {
    if (!this.pending) {
      const read = await this.readBatch(this.produced);
      if (read.kind === 'nothing') {
        this.advance(read.through);
        return false;
      }
      this.pending = read.batch;
    }
    const batch = this.pending;
    const next = batch.full && !this.stopped ? this.readBatch(batch.through).catch(() => undefined) : undefined;
    try {
      await this.send(batch);
    } catch (error) {
      await next;
      throw error;
    }
    if (batch.watermarked) {
      this.lastWatermark = batch.through;
      this.lastWatermarkAt = Date.now();
    }
    this.advance(batch.through);
    const prefetched = await next;
    // A prefetch that found nothing is simply read again; only a read from the acknowledged position may advance.
    this.pending = prefetched?.kind === 'batch' ? prefetched.batch : undefined;
    return batch.full;
  }

  /** Reads events after `from` and builds the batch that carries them (and watermarks when due). */
  private async readBatch(from: number): Promise<{ kind: 'batch'; batch: PendingBatch } | { kind: 'nothing'; through: number }> {
    // The head is read first: when the batch is not full, everything up to it has been read.
    const head = await this.options.store.headPosition();
    const events = await this.options.store.readAll({ fromPosition: from, categories: this.options.categories, limit: this.batchSize });
    this.reportLag(head);
    return this.buildBatch(events, head, from);
  }

  /** With events when caught up or when the interval passed; alone only when positions moved and the interval passed. */
  private watermarkDue(through: number, full: boolean, withEvents: boolean): boolean {
    if (through <= this.lastWatermark) return false;
    const intervalPassed = Date.now() - this.lastWatermarkAt >= (this.options.watermarkIntervalMs ?? 200);
    return withEvents ? !full || intervalPassed : intervalPassed;
  }

  /**
   * Places each event on its partition (as the Java client would, by its stream id) and stops before a
   * partition's share of the request outgrows `maxBytesPerPartition`; `nothing` when there is nothing to send.
   */
  private async buildBatch(
    events: EventEnvelope[],
    head: number,
    from: number,
  ): Promise<{ kind: 'batch'; batch: PendingBatch } | { kind: 'nothing'; through: number }> {
    for (const event of events) this.knownTopics.add(this.options.topicFor(streamCategory(event.streamId)));
    const topics = [...this.knownTopics];
    const partitions = topics.length > 0 ? await this.provisioner.ensure(topics, () => eventsTopicConfig(this.options.topics)) : new Map<string, number>();
    const maxBytes = this.options.maxBytesPerPartition ?? 768 * 1024;
    const byTopic = new Map<string, Message[]>();
    const bytes = new Map<string, number>();
    let included = 0;
    for (const event of events) {
      const topic = this.options.topicFor(streamCategory(event.streamId));
      const record = eventRecord(event);
      record.partition = this.partitioner({ topic, partitionMetadata: partitionList(partitions.get(topic) ?? 1), message: record });
      const key = `${topic}/${record.partition}`;
      const size = recordSize(record);
      const taken = bytes.get(key) ?? 0;
      if (taken > 0 && taken + size > maxBytes) break;
      bytes.set(key, taken + size);
      let messages = byTopic.get(topic);
      if (!messages) byTopic.set(topic, (messages = []));
      messages.push(record);
      included += 1;
    }
    const full = included < events.length || events.length === this.batchSize;
    const through = full ? events[included - 1].position : Math.max(head, events.at(-1)?.position ?? 0, from);
    const watermark = this.watermarkDue(through, full, included > 0);
    if (included === 0 && !watermark) return { kind: 'nothing', through };
    if (watermark) {
      for (const topic of topics) {
        let messages = byTopic.get(topic);
        if (!messages) byTopic.set(topic, (messages = []));
        // Appended after the events: within a partition the watermark follows every event it vouches for.
        for (let partition = 0; partition < (partitions.get(topic) ?? 0); partition++) messages.push(watermarkRecord(partition, through));
      }
    }
    const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    return { kind: 'batch', batch: { topicMessages, through, full, watermarked: watermark } };
  }

  private async send(batch: PendingBatch): Promise<void> {
    if (batch.topicMessages.length === 0) return;
    const producer = await this.connectedProducer();
    await producer.sendBatch({ topicMessages: batch.topicMessages, acks: -1 });
  }

  private async connectedProducer(): Promise<Producer> {
    this.producer ??= this.options.kafka.producer({
      idempotent: true,
      // kafkajs keeps per-partition order under retries only with one request in flight.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Every record already names its partition (see buildBatch); this only silences kafkajs' v2 notice.
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: this.options.producerRetry ?? { retries: 5, maxRetryTime: 10_000 },
    });
    if (!this.producerConnected) {
      await this.producer.connect();
      this.producerConnected = true;
    }
    return this.producer;
  }

  /** A new producer session (new producer id) for the next send; the pending batch is kept. */
  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.producerConnected = false;
    await producer?.disconnect().catch(() => undefined);
  }

  private advance(position: number): void {
    if (position <= this.produced) return;
    this.produced = position;
    this.waiters.release(position);
  }

  /** Stores how far the broker has acknowledged; a failure is logged and retried without producing again. */
  private async checkpoint(now: boolean): Promise<void> {
    if (this.produced === this.stored) return;
    // Once the term is over the checkpoint is the new leader's: an older one would only make it produce again.
    if (this.options.leadership && (!this.term || this.term.isOver())) return;
    if (!now && Date.now() - this.storedAt < (this.options.checkpointIntervalMs ?? 200)) return;
    const position = this.produced;
    this.storedAt = Date.now();
    try {
      await this.options.checkpoints.store(this.name, position);
      this.stored = position;
    } catch (error) {
      this.logger.error({ relay: this.name, position, err: error }, 'could not store the outbox relay checkpoint; retrying');
    }
  }

  /** While a batch is being retried nothing is read: the lag still grows with every append, and says so. */
  private async refreshLag(): Promise<void> {
    if (!this.options.onLag) return;
    try {
      this.reportLag(await this.options.store.headPosition());
    } catch {
      // The store is away too; the next read reports.
    }
  }

  private reportLag(head: number): void {
    const { onLag } = this.options;
    if (!onLag) return;
    // Measured against what the broker has acknowledged, not against a batch still in flight.
    try {
      onLag(Math.max(0, head - this.produced));
    } catch (error) {
      this.logger.warn({ relay: this.name, err: error }, 'relay lag reporter failed');
    }
  }

  /** Waits `ms`, or less when woken (notification, waiter, stop) if `wakeable`; stop always wakes. */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopped || (wakeable && this.wakePending)) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.wakePending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = wakeable ? done : () => (this.stopped ? done() : undefined);
    });
  }
}

const SESSION_ERRORS = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'INVALID_PRODUCER_EPOCH', 'INVALID_PRODUCER_ID_MAPPING', 'UNKNOWN_PRODUCER_ID']);

/**
 * True when the broker no longer accepts this producer's id or sequence numbers. Any other failure keeps the
 * session, so resending the same batch lets the broker drop what it had already written.
 */
function sessionBroken(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const type = (cause as { type?: unknown }).type;
    if (typeof type === 'string' && SESSION_ERRORS.has(type)) return true;
  }
  return false;
}

const partitionLists = new Map<number, PartitionMetadata[]>();

/** Partition metadata enough for the partitioner, which places a keyed record by the partition count alone. */
function partitionList(count: number): PartitionMetadata[] {
  let list = partitionLists.get(count);
  if (!list) {
    list = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
    partitionLists.set(count, list);
  }
  return list;
}

/** A record's share of a record batch: key, value, headers and a generous per-record overhead. */
function recordSize(record: Message): number {
  let size = 64 + Buffer.byteLength(String(record.key ?? '')) + Buffer.byteLength(String(record.value ?? ''));
  for (const [name, value] of Object.entries(record.headers ?? {})) size += 8 + name.length + Buffer.byteLength(String(value ?? ''));
  return size;
}

function positive(name: string, value: number): number {
  if (!(Number.isInteger(value) && value > 0)) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
