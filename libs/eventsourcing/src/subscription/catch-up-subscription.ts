import { EventEnvelope } from '@kinship/contracts';
import { AppendNotifications, CheckpointStore, EventStore } from '../port/event-store.port';

export interface CatchUpSubscriptionOptions {
  /** The checkpoint name: a restarted subscription with the same name resumes where it stopped. */
  name: string;
  store: EventStore;
  checkpoints: CheckpointStore;
  /** Stream categories to receive; all when omitted. */
  categories?: readonly string[];
  /** Called once per event, in global order; the next event waits until it resolves. */
  handler: (event: EventEnvelope) => Promise<void>;
  /** In-process append notifications (e.g. the SQLite store itself), so new events arrive without waiting for a poll. */
  notifications?: AppendNotifications;
  /** Events read per batch (default 500). */
  batchSize?: number;
  /** How often to look for new events when idle (default 20 ms). */
  pollIntervalMs?: number;
  /** Pause before the failed event is handed over again; doubles up to 30 s (default 100 ms). */
  retryDelayMs?: number;
  /** Told about each failure of the handler or the store; the subscription then retries the same event. */
  onError?: (error: unknown, event: EventEnvelope | null) => void;
}

/** Raised by `waitFor` when the subscription has not reached the position in time. */
export class SubscriptionTimeoutError extends Error {
  override readonly name = 'SubscriptionTimeoutError';
  constructor(
    readonly subscription: string,
    readonly wanted: number,
    readonly reached: number,
  ) {
    super(`Subscription ${subscription} reached position ${reached}, not ${wanted}, in time`);
  }
}

interface Waiter {
  position: number;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Follows the store's log from a stored checkpoint (DESIGN §2): reads `readAll` in batches, hands each
 * event to the handler in order, and stores the checkpoint after each batch. Delivery is at least once:
 * after a crash, the events of the unfinished batch are handed over again. A failing handler stops the
 * subscription at that event and retries it with backoff; it never skips an event. Dead-lettering is
 * the messaging library's concern, built on top.
 */
export class CatchUpSubscription {
  private current = 0;
  private stored = 0;
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private wakePending = false;
  private readonly waiters = new Set<Waiter>();
  private loop: Promise<void> = Promise.resolve();
  private unsubscribe: () => void = () => undefined;

  private constructor(private readonly options: CatchUpSubscriptionOptions) {}

  /** Loads the checkpoint and starts following the log in the background. */
  static async start(options: CatchUpSubscriptionOptions): Promise<CatchUpSubscription> {
    const subscription = new CatchUpSubscription(options);
    subscription.current = subscription.stored = await options.checkpoints.load(options.name);
    subscription.unsubscribe = options.notifications?.onAppended(() => subscription.notify()) ?? (() => undefined);
    subscription.loop = subscription.run();
    return subscription;
  }

  get name(): string {
    return this.options.name;
  }

  /** The position handled up to, including events skipped because their category is not followed. */
  async position(): Promise<number> {
    return this.current;
  }

  /** Resolves once everything up to `position` has been handled; rejects after `timeoutMs` or on stop. */
  waitFor(position: number, timeoutMs: number): Promise<void> {
    if (this.current >= position) return Promise.resolve();
    if (this.stopped) return Promise.reject(new Error(`Subscription ${this.name} is stopped`));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new SubscriptionTimeoutError(this.name, position, this.current));
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
      this.notify();
    });
  }

  /** Looks for new events now instead of at the next poll. */
  notify(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wakePending = true;
  }

  /** Finishes the event in hand, stores the checkpoint and stops; pending `waitFor`s reject. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    this.notify();
    await this.loop;
    for (const waiter of this.waiters) waiter.reject(new Error(`Subscription ${this.name} stopped`));
    this.waiters.clear();
  }

  private async run(): Promise<void> {
    const retryDelayMs = this.options.retryDelayMs ?? 100;
    let failures = 0;
    while (!this.stopped) {
      let more = false;
      try {
        more = await this.handleBatch();
        failures = 0;
      } catch (failure) {
        const { error, event } = failure instanceof HandlerFailure ? failure : { error: failure, event: null };
        this.report(error, event);
        failures += 1;
        await this.checkpoint().catch((checkpointError: unknown) => this.report(checkpointError, null));
        await this.sleep(Math.min(retryDelayMs * 2 ** (failures - 1), 30_000), false);
        continue;
      }
      if (!more) await this.sleep(this.options.pollIntervalMs ?? 20, true);
    }
    await this.checkpoint().catch((error: unknown) => this.report(error, null));
  }

  private report(error: unknown, event: EventEnvelope | null): void {
    // The loop must outlive a faulty error callback, or the subscription would silently stop.
    try {
      this.options.onError?.(error, event);
    } catch (callbackError) {
      console.error(`Subscription ${this.name}: onError failed`, callbackError);
    }
  }

  /** Handles one batch; true when the batch was full and more events may be waiting. */
  private async handleBatch(): Promise<boolean> {
    const limit = this.options.batchSize ?? 500;
    // Read the head first: when the batch is not full, every event up to it has been seen, including
    // the ones of categories not followed, so waitFor can resolve positions this handler never gets.
    const head = await this.options.store.headPosition();
    const events = await this.options.store.readAll({ fromPosition: this.current, categories: this.options.categories, limit });
    for (const event of events) {
      if (this.stopped) break;
      try {
        await this.options.handler(event);
      } catch (error) {
        throw new HandlerFailure(error, event);
      }
      this.advance(event.position);
    }
    if (this.stopped) return false;
    if (events.length < limit) this.advance(head);
    await this.checkpoint();
    return events.length === limit;
  }

  private advance(position: number): void {
    if (position <= this.current) return;
    this.current = position;
    for (const waiter of this.waiters) {
      if (waiter.position <= position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private async checkpoint(): Promise<void> {
    if (this.current === this.stored) return;
    const position = this.current;
    await this.options.checkpoints.store(this.options.name, position);
    this.stored = position;
  }

  /** Waits `ms`, or less when woken (a notification, a new waiter, stop) if `wakeable`. */
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

class HandlerFailure {
  constructor(
    readonly error: unknown,
    readonly event: EventEnvelope,
  ) {}
}
