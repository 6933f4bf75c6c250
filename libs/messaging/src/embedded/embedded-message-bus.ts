import { EventEnvelope } from '@kinship/contracts';
import { AppendNotifications, CheckpointStore, EventStore } from '@kinship/eventsourcing';
import { Consumer, ConsumerSpec, MessageBus } from '../port/bus.port';
import { ConsumerStoppedError, WaitForTimeoutError, errorMessage } from '../port/bus.errors';
import { BusLogger, ConsumerLagReporter, stderrBusLogger } from '../port/bus.observer';
import { ConsumerHandlerRegistry } from './consumer-handler-registry';

/** Where the embedded bus puts an event whose handler failed every attempt. */
export interface DeadLetterLog {
  record(entry: { group: string; event: EventEnvelope; error: string; attempts: number }): Promise<void>;
}

/** Wiring and tuning of the embedded bus; the defaults suit production, tests shorten the delays. */
export interface EmbeddedMessageBusOptions {
  store: EventStore;
  /** Each group's checkpoint is kept under the group's name. */
  checkpoints: CheckpointStore;
  deadLetters: DeadLetterLog;
  /** Shared with the dead-letter store so replays reach the live handlers; a private one when omitted. */
  handlers?: ConsumerHandlerRegistry;
  /** In-process append notifications (the SQLite store itself): consumers wake on every append, as with `notify()`. */
  notifications?: AppendNotifications;
  /** How often an idle consumer looks for new events (default 20 ms); `notify()` wakes it sooner. */
  pollIntervalMs?: number;
  /** Events read per batch; the checkpoint is stored once per batch (default 100). */
  batchSize?: number;
  /** First retry delay after a handler failure, doubled per attempt up to `retryMaxDelayMs` (default 100 ms). */
  retryBaseDelayMs?: number;
  /** Default 5 s. */
  retryMaxDelayMs?: number;
  /** Pause after the store or the dead-letter log failed, before trying again (default 500 ms). */
  errorBackoffMs?: number;
  logger?: BusLogger;
  onLag?: ConsumerLagReporter;
}

interface Settings {
  pollIntervalMs: number;
  batchSize: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  errorBackoffMs: number;
  logger: BusLogger;
  onLag?: ConsumerLagReporter;
}

type Delivery = 'handled' | 'dead-lettered' | 'abandoned';

/**
 * The embedded-mode bus (DESIGN §3): each consumer tails the SQLite log from its group's checkpoint,
 * instead of reading a Kafka topic, with the same at-least-once, ordered, dead-lettering contract.
 */
export class EmbeddedMessageBus implements MessageBus {
  private readonly consumers = new Set<EmbeddedConsumer>();
  private readonly handlers: ConsumerHandlerRegistry;
  private readonly settings: Settings;
  private readonly stopListening: () => void;
  private closed = false;

  constructor(private readonly options: EmbeddedMessageBusOptions) {
    this.handlers = options.handlers ?? new ConsumerHandlerRegistry();
    this.settings = {
      pollIntervalMs: positive('pollIntervalMs', options.pollIntervalMs ?? 20),
      batchSize: positive('batchSize', options.batchSize ?? 100),
      retryBaseDelayMs: nonNegative('retryBaseDelayMs', options.retryBaseDelayMs ?? 100),
      retryMaxDelayMs: nonNegative('retryMaxDelayMs', options.retryMaxDelayMs ?? 5000),
      errorBackoffMs: nonNegative('errorBackoffMs', options.errorBackoffMs ?? 500),
      logger: options.logger ?? stderrBusLogger,
      onLag: options.onLag,
    };
    this.stopListening = options.notifications?.onAppended(() => this.notify()) ?? (() => undefined);
  }

  async subscribe(spec: ConsumerSpec): Promise<Consumer> {
    if (this.closed) throw new Error(`The bus is closed; consumer group ${spec.group} cannot subscribe`);
    if (spec.categories.length === 0) throw new RangeError(`Consumer group ${spec.group} must name at least one category`);
    const maxAttempts = spec.maxAttempts ?? 5;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
    // Register before loading the checkpoint so two concurrent subscriptions of one group cannot both start.
    this.handlers.register(spec.group, spec.handler);
    try {
      const checkpoint = await this.options.checkpoints.load(spec.group);
      const consumer = new EmbeddedConsumer(
        { ...spec, maxAttempts },
        checkpoint,
        this.options.store,
        this.options.checkpoints,
        this.options.deadLetters,
        this.settings,
        (stopped) => {
          this.consumers.delete(stopped);
          this.handlers.unregister(stopped.group, spec.handler);
        },
      );
      this.consumers.add(consumer);
      consumer.start();
      return consumer;
    } catch (error) {
      this.handlers.unregister(spec.group, spec.handler);
      throw error;
    }
  }

  /** Wakes every consumer now; the platform calls it after each append in this process. */
  notify(): void {
    for (const consumer of this.consumers) consumer.wake();
  }

  /** Stops every consumer; the event store and the dead-letter store stay open (they are not the bus's). */
  async close(): Promise<void> {
    this.closed = true;
    this.stopListening();
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
  }
}

interface Waiter {
  position: number;
  resolve(): void;
  reject(error: Error): void;
}

class EmbeddedConsumer implements Consumer {
  readonly group: string;
  /** Every event of the categories up to here was handled or dead-lettered; events of other categories were scanned past. */
  private scannedUpTo: number;
  private storedCheckpoint: number;
  private stopping = false;
  private loop: Promise<void> = Promise.resolve();
  private readonly waiters = new Set<Waiter>();
  private wakeRequested = false;
  private wakeSleeper: (() => void) | undefined;
  private readonly stopSignal: Promise<void>;
  private signalStop!: () => void;

  constructor(
    private readonly spec: Required<Pick<ConsumerSpec, 'maxAttempts'>> & ConsumerSpec,
    checkpoint: number,
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly deadLetters: DeadLetterLog,
    private readonly settings: Settings,
    private readonly onStopped: (consumer: EmbeddedConsumer) => void,
  ) {
    this.group = spec.group;
    this.scannedUpTo = checkpoint;
    this.storedCheckpoint = checkpoint;
    this.stopSignal = new Promise((resolve) => (this.signalStop = resolve));
  }

  start(): void {
    this.loop = this.run();
  }

  async position(): Promise<number> {
    return this.scannedUpTo;
  }

  waitFor(position: number, timeoutMs: number): Promise<void> {
    if (this.scannedUpTo >= position) return Promise.resolve();
    if (this.stopping) return Promise.reject(new ConsumerStoppedError(this.group));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new WaitForTimeoutError(this.group, position, this.scannedUpTo, timeoutMs));
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
      // The position may already be in the log with nothing of ours before it: look now, not at the next poll.
      this.wake();
    });
  }

  wake(): void {
    if (this.wakeSleeper) this.wakeSleeper();
    else this.wakeRequested = true;
  }

  /** Lets the event being handled finish, stores the checkpoint, then resolves. */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.signalStop();
      this.wake();
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      // Cleared before reading, so a notify that lands during this pass forces another pass.
      this.wakeRequested = false;
      let idleMs = this.settings.pollIntervalMs;
      try {
        const fullBatch = await this.pass();
        if (fullBatch) idleMs = 0;
      } catch (error) {
        this.settings.logger.error({ group: this.group, err: error }, 'consumer could not read the event store; retrying');
        idleMs = this.settings.errorBackoffMs;
      }
      if (!(await this.saveCheckpoint())) idleMs = Math.max(idleMs, this.settings.errorBackoffMs);
      if (idleMs > 0) await this.idle(idleMs);
    }
    await this.saveCheckpoint();
    for (const waiter of this.waiters) waiter.reject(new ConsumerStoppedError(this.group));
    this.waiters.clear();
    this.onStopped(this);
  }

  /** One read-and-handle pass; true when the batch was full and more may be waiting. */
  private async pass(): Promise<boolean> {
    // Read the head first: whatever readAll then returns short of a full batch covers at least up to it.
    const head = await this.store.headPosition();
    const events = await this.store.readAll({
      fromPosition: this.scannedUpTo,
      categories: this.spec.categories,
      limit: this.settings.batchSize,
    });
    this.reportLag(head);
    for (const event of events) {
      if (this.stopping) return false;
      const delivery = await this.deliver(event);
      if (delivery === 'abandoned') return false;
      this.advanceTo(event.position, head);
    }
    const fullBatch = events.length >= this.settings.batchSize;
    if (!fullBatch && !this.stopping) this.advanceTo(head, head);
    return fullBatch;
  }

  private advanceTo(position: number, head: number): void {
    if (position <= this.scannedUpTo) return;
    this.scannedUpTo = position;
    for (const waiter of this.waiters) {
      if (waiter.position <= position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
    this.reportLag(head);
  }

  private async deliver(event: EventEnvelope): Promise<Delivery> {
    const { maxAttempts } = this.spec;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.spec.handler(event);
        return 'handled';
      } catch (error) {
        const context = { group: this.group, eventId: event.id, position: event.position, attempt, err: error };
        if (attempt >= maxAttempts) return this.deadLetter(event, error, attempt);
        this.settings.logger.warn(context, 'handler failed; retrying');
        await this.pause(this.retryDelay(attempt));
        // Abandoning leaves the checkpoint before this event, so the next consumer of the group gets it again.
        if (this.stopping) return 'abandoned';
      }
    }
  }

  private async deadLetter(event: EventEnvelope, error: unknown, attempts: number): Promise<Delivery> {
    const entry = { group: this.group, event, error: errorMessage(error), attempts };
    for (;;) {
      try {
        await this.deadLetters.record(entry);
        this.settings.logger.warn(
          { group: this.group, eventId: event.id, position: event.position, attempts, err: error },
          'handler failed every attempt; event dead-lettered',
        );
        return 'dead-lettered';
      } catch (recordError) {
        this.settings.logger.error({ group: this.group, eventId: event.id, err: recordError }, 'could not record a dead letter; retrying');
        await this.pause(this.settings.errorBackoffMs);
        if (this.stopping) return 'abandoned';
      }
    }
  }

  /** True when the stored checkpoint is current; a failure is logged and retried on the next pass. */
  private async saveCheckpoint(): Promise<boolean> {
    const position = this.scannedUpTo;
    if (position === this.storedCheckpoint) return true;
    try {
      await this.checkpoints.store(this.group, position);
      this.storedCheckpoint = position;
      return true;
    } catch (error) {
      this.settings.logger.error({ group: this.group, position, err: error }, 'could not store the consumer checkpoint; retrying');
      return false;
    }
  }

  private retryDelay(attempt: number): number {
    return Math.min(this.settings.retryBaseDelayMs * 2 ** (attempt - 1), this.settings.retryMaxDelayMs);
  }

  private reportLag(head: number): void {
    if (!this.settings.onLag) return;
    try {
      this.settings.onLag(this.group, Math.max(0, head - this.scannedUpTo));
    } catch (error) {
      this.settings.logger.warn({ group: this.group, err: error }, 'consumer lag reporter failed');
    }
  }

  /** Sleeps until `ms` pass, the consumer is woken, or it is stopped. */
  private async idle(ms: number): Promise<void> {
    if (this.wakeRequested || this.stopping) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }

  /** Sleeps until `ms` pass or the consumer is stopped; a notify does not cut a retry backoff short. */
  private async pause(ms: number): Promise<void> {
    if (this.stopping) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), this.stopSignal]);
    clearTimeout(timer);
  }
}

function positive(name: string, value: number): number {
  if (!(value > 0)) throw new RangeError(`${name} must be positive, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0)) throw new RangeError(`${name} must not be negative, got ${value}`);
  return value;
}
