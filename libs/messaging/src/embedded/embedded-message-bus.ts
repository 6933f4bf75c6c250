import { EventEnvelope } from '@kinship/contracts';
import {
  AppendNotifications,
  assertNever,
  CatchUpSubscription,
  CatchUpSubscriptionOptions,
  CheckpointStore,
  EventStore,
  SubscriptionStep,
  SubscriptionStoppedError,
  SubscriptionTimeoutError,
} from '@kinship/eventsourcing';
import { Consumer, ConsumerSpec, MessageBus } from '../port/bus.port';
import { ConsumerStoppedError, WaitForTimeoutError, errorMessage } from '../port/bus.errors';
import { BusLogger, ConsumerLagReporter, stderrBusLogger } from '../port/bus.observer';
import { ConsumerHandlerRegistry } from './consumer-handler-registry';
import { checkConsumerSpec, nonNegative, pause, positive, retryDelay } from '../port/consumer-rules';

/** Where the embedded bus puts an event whose handler failed every attempt. */
export interface DeadLetterLog {
  record(entry: DeadLetterEntry): Promise<void>;
}

interface DeadLetterEntry {
  group: string;
  event: EventEnvelope;
  error: string;
  attempts: number;
}

interface FailedDelivery {
  entry: DeadLetterEntry;
  cause: unknown;
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
  /**
   * Events read per batch; the checkpoint is stored once per batch, and a consumer with a batch handler applies
   * them together (default 500: a rebuild commits its read model once per 500 events).
   */
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

/**
 * The embedded-mode bus (DESIGN §3): each consumer is a catch-up subscription on the SQLite log from its
 * group's checkpoint, instead of a Kafka topic, with the same at-least-once, ordered, dead-lettering contract.
 */
export class EmbeddedMessageBus implements MessageBus {
  private readonly consumers = new Set<EmbeddedConsumer>();
  private readonly handlers: ConsumerHandlerRegistry;
  private readonly settings: Settings;
  private closed = false;

  constructor(private readonly options: EmbeddedMessageBusOptions) {
    this.handlers = options.handlers ?? new ConsumerHandlerRegistry();
    this.settings = {
      pollIntervalMs: positive('pollIntervalMs', options.pollIntervalMs ?? 20),
      batchSize: positive('batchSize', options.batchSize ?? 500),
      retryBaseDelayMs: nonNegative('retryBaseDelayMs', options.retryBaseDelayMs ?? 100),
      retryMaxDelayMs: nonNegative('retryMaxDelayMs', options.retryMaxDelayMs ?? 5000),
      errorBackoffMs: nonNegative('errorBackoffMs', options.errorBackoffMs ?? 500),
      logger: options.logger ?? stderrBusLogger,
      onLag: options.onLag,
    };
  }

  async subscribe(spec: ConsumerSpec): Promise<Consumer> {
    const maxAttempts = checkConsumerSpec(spec, this.closed);
    // Register before loading the checkpoint so two concurrent subscriptions of one group cannot both start.
    this.handlers.register(spec.group, spec.handler);
    try {
      const { group } = spec;
      const { logger, onLag, errorBackoffMs } = this.settings;
      const subscription = await CatchUpSubscription.start({
        name: group,
        store: this.options.store,
        checkpoints: this.options.checkpoints,
        categories: spec.categories,
        notifications: this.options.notifications,
        batchSize: this.settings.batchSize,
        pollIntervalMs: this.settings.pollIntervalMs,
        // The subscription retries only store and dead-letter failures, at a steady pace.
        retryDelayMs: errorBackoffMs,
        retryMaxDelayMs: errorBackoffMs,
        ...deliverOrDeadLetter({ ...spec, maxAttempts }, this.options.deadLetters, this.settings),
        onError: (error, event, step) => logFailure(logger, group, error, event, step),
        onLag: onLag && ((lag) => reportLag(logger, onLag, group, lag)),
      });
      const consumer = new EmbeddedConsumer(group, subscription, () => {
        this.consumers.delete(consumer);
        this.handlers.unregister(group, spec.handler);
      });
      this.consumers.add(consumer);
      // The bus may have been closed while the checkpoint was loading: such a consumer must not outlive it.
      if (this.closed) {
        await consumer.stop();
        throw new Error(`The bus closed while consumer group ${group} was subscribing`);
      }
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
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
  }
}

class EmbeddedConsumer implements Consumer {
  private stopped: Promise<void> | undefined;

  constructor(
    readonly group: string,
    private readonly subscription: CatchUpSubscription,
    private readonly onStopped: () => void,
  ) {}

  /** Every event of the group's categories up to here was handled or dead-lettered; other events were scanned past. */
  position(): Promise<number> {
    return this.subscription.position();
  }

  waitFor(position: number, timeoutMs: number): Promise<void> {
    return this.subscription.waitFor(position, timeoutMs).catch((error: unknown) => {
      if (error instanceof SubscriptionTimeoutError) throw new WaitForTimeoutError(this.group, position, error.reached, timeoutMs);
      if (error instanceof SubscriptionStoppedError) throw new ConsumerStoppedError(this.group);
      throw error;
    });
  }

  wake(): void {
    this.subscription.notify();
  }

  /** Lets the event being handled finish, stores the checkpoint, then resolves. */
  stop(): Promise<void> {
    this.stopped ??= this.subscription.stop().then(this.onStopped);
    return this.stopped;
  }
}

/**
 * The subscription's handler for one group: bounded attempts with backoff, then a dead letter. It rejects
 * only when the dead letter could not be recorded (the subscription then hands the event over again, and
 * the entry is recorded without running the handler anew) or when the consumer stops between attempts
 * (the event is not dead-lettered and the next run gets it again).
 */
function deliverOrDeadLetter(
  spec: ConsumerSpec & { maxAttempts: number },
  deadLetters: DeadLetterLog,
  settings: Settings,
): Pick<CatchUpSubscriptionOptions, 'handler' | 'batchHandler'> {
  const { group, maxAttempts, batchHandler } = spec;
  let unrecorded: FailedDelivery | undefined;

  async function attempt(event: EventEnvelope, stopping: AbortSignal): Promise<FailedDelivery | undefined> {
    for (let attempts = 1; ; attempts++) {
      try {
        await spec.handler(event);
        return undefined;
      } catch (error) {
        if (attempts >= maxAttempts) return { entry: { group, event, error: errorMessage(error), attempts }, cause: error };
        settings.logger.warn({ group, eventId: event.id, position: event.position, attempt: attempts, err: error }, 'handler failed; retrying');
        await pause(retryDelay(attempts, settings.retryBaseDelayMs, settings.retryMaxDelayMs), stopping);
        stopping.throwIfAborted();
      }
    }
  }

  const handler = async (event: EventEnvelope, stopping: AbortSignal) => {
    if (unrecorded?.entry.event.position !== event.position) {
      unrecorded = await attempt(event, stopping);
      if (!unrecorded) return;
    }
    const { entry, cause } = unrecorded;
    await deadLetters.record(entry);
    unrecorded = undefined;
    settings.logger.warn(
      { group, eventId: event.id, position: event.position, attempts: entry.attempts, err: cause },
      'handler failed every attempt; event dead-lettered',
    );
  };
  return {
    handler,
    batchHandler:
      batchHandler &&
      (async (events) => {
        // An event whose dead letter is still to be recorded goes the one-by-one way, which records it.
        if (unrecorded) throw new Error('a dead letter is still to be recorded');
        await batchHandler(events);
      }),
  };
}

function logFailure(logger: BusLogger, group: string, error: unknown, event: EventEnvelope | null, step: SubscriptionStep): void {
  switch (step) {
    case 'read':
      return logger.error({ group, err: error }, 'consumer could not read the event store; retrying');
    case 'checkpoint':
      return logger.error({ group, err: error }, 'could not store the consumer checkpoint; retrying');
    case 'handle':
      return logger.error({ group, eventId: event?.id, position: event?.position, err: error }, 'could not record a dead letter; retrying');
    default:
      return assertNever(step);
  }
}

function reportLag(logger: BusLogger, onLag: ConsumerLagReporter, group: string, lag: number): void {
  try {
    onLag(group, lag);
  } catch (error) {
    logger.warn({ group, err: error }, 'consumer lag reporter failed');
  }
}

/** Sleeps until `ms` pass or the consumer is stopped; a notify does not cut a retry backoff short. */
