import { EventEnvelope } from '@kinship/contracts';
import { AppendNotifications, CheckpointStore, EventStore } from '../port/event-store.port';
import { PositionWaiters } from './position-waiters';

/** What the subscription was doing when something failed. */
export type SubscriptionStep = 'read' | 'handle' | 'checkpoint';

export interface CatchUpSubscriptionOptions {
  /** The checkpoint name: a restarted subscription with the same name resumes where it stopped. */
  name: string;
  store: EventStore;
  checkpoints: CheckpointStore;
  /** Stream categories to receive; all when omitted. */
  categories?: readonly string[];
  /**
   * Called once per event, in global order; the next event waits until it resolves. `signal` aborts on
   * `stop()`: a handler that gives up because of it rejects with `signal.reason`, and its event is handed
   * over again at the next start.
   */
  handler: (event: EventEnvelope, signal: AbortSignal) => Promise<void>;
  /**
   * Optional: handles every event of a read at once (e.g. in one read-model transaction), in global order. When it
   * rejects, the same events go to `handler` one by one, so it must leave nothing that a second delivery would
   * not put right (what at-least-once asks of every handler anyway).
   */
  batchHandler?: (events: readonly EventEnvelope[], signal: AbortSignal) => Promise<void>;
  /** In-process append notifications (e.g. the SQLite store itself), so new events arrive without waiting for a poll. */
  notifications?: AppendNotifications;
  /** Events read per batch; the checkpoint is stored once per batch (default 500). */
  batchSize?: number;
  /** How often to look for new events when idle (default 20 ms). */
  pollIntervalMs?: number;
  /** Pause after a failure before trying again; doubles per failure in a row up to `retryMaxDelayMs` (default 100 ms). */
  retryDelayMs?: number;
  /** Default 30 s. */
  retryMaxDelayMs?: number;
  /** Told about each failure of the handler (with its event) or the store; the subscription then retries, skipping nothing. */
  onError?: (error: unknown, event: EventEnvelope | null, step: SubscriptionStep) => void;
  /** Told how far behind the head of the log the subscription is, after each read and each step forward. */
  onLag?: (lag: number) => void;
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

/** Raised by `waitFor` when the subscription stops before reaching the position, or was already stopped. */
export class SubscriptionStoppedError extends Error {
  override readonly name = 'SubscriptionStoppedError';
  constructor(readonly subscription: string) {
    super(`Subscription ${subscription} stopped`);
  }
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
  /** Whether an event was handed to the handler since the checkpoint was last stored. */
  private handledSinceStored = false;
  private storedAt = 0;
  private stopped = false;
  private readonly stopping = new AbortController();
  private wakeUp: (() => void) | null = null;
  private wakePending = false;
  private readonly waiters = new PositionWaiters();
  private loop: Promise<void> = Promise.resolve();
  private unsubscribe: () => void = () => undefined;

  private constructor(private readonly options: CatchUpSubscriptionOptions) {}

  /** Loads the checkpoint and starts following the log in the background. */
  static async start(options: CatchUpSubscriptionOptions): Promise<CatchUpSubscription> {
    const subscription = new CatchUpSubscription(options);
    subscription.current = subscription.stored = await options.checkpoints.load(options.name);
    const followed = options.categories && new Set(options.categories);
    // An append of categories not followed wakes nobody: 15 consumers in one process would otherwise all read the
    // log after every append. Such a subscription catches up with the head at its next poll or `waitFor`.
    subscription.unsubscribe =
      options.notifications?.onAppended((_, categories) => {
        if (!followed || !categories || categories.some((category) => followed.has(category))) subscription.notify();
      }) ?? (() => undefined);
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
    if (this.stopped) return Promise.reject(new SubscriptionStoppedError(this.name));
    const waited = this.waiters.wait(position, timeoutMs, () => new SubscriptionTimeoutError(this.name, position, this.current));
    // The position may already be in the log with nothing of ours before it: look now, not at the next poll.
    this.notify();
    return waited;
  }

  /** Looks for new events now instead of at the next poll. */
  notify(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wakePending = true;
  }

  /** Finishes the event in hand, stores the checkpoint and stops; pending `waitFor`s reject. */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.stopping.abort(new SubscriptionStoppedError(this.name));
      this.unsubscribe();
      this.notify();
    }
    await this.loop;
    this.waiters.rejectAll(new SubscriptionStoppedError(this.name));
  }

  private async run(): Promise<void> {
    const retryDelayMs = this.options.retryDelayMs ?? 100;
    const retryMaxDelayMs = this.options.retryMaxDelayMs ?? 30_000;
    let failures = 0;
    while (!this.stopped) {
      let more = false;
      let failed = false;
      try {
        more = await this.handleBatch();
      } catch (failure) {
        failed = true;
        if (failure instanceof HandlerFailure) {
          if (!(this.stopped && failure.error === this.stopping.signal.reason)) this.report(failure.error, failure.event, 'handle');
        } else this.report(failure, null, 'read');
      }
      // Stored even after a failure, so the events handled before it are not handed over again.
      if (!(await this.checkpoint(false))) failed = true;
      if (failed) {
        failures += 1;
        await this.sleep(Math.min(retryDelayMs * 2 ** (failures - 1), retryMaxDelayMs), false);
      } else {
        failures = 0;
        if (!more) await this.sleep(this.options.pollIntervalMs ?? 20, true);
        // A full batch means more is waiting. An in-process store answers in microtasks, so going straight on would
        // hold the event loop until the log is read to the end (a rebuild would answer no request meanwhile).
        else await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    await this.checkpoint(true);
  }

  private report(error: unknown, event: EventEnvelope | null, step: SubscriptionStep): void {
    this.tell(() => this.options.onError?.(error, event, step));
  }

  /** Calls back the owner; the loop must outlive a faulty callback, or the subscription would silently stop. */
  private tell(callback: () => void): void {
    try {
      callback();
    } catch (callbackError) {
      console.error(`Subscription ${this.name}: a callback failed`, callbackError);
    }
  }

  /** Handles one batch; true when the batch was full and more events may be waiting. */
  private async handleBatch(): Promise<boolean> {
    const limit = this.options.batchSize ?? 500;
    // Read the head first: when the batch is not full, every event up to it has been seen, including
    // the ones of categories not followed, so waitFor can resolve positions this handler never gets.
    const head = await this.options.store.headPosition();
    // Nothing new since the last read: spare the read (a poll of an idle consumer costs one head lookup).
    if (head <= this.current) {
      this.reportLag(head);
      return false;
    }
    const events = await this.options.store.readAll({ fromPosition: this.current, categories: this.options.categories, limit });
    this.reportLag(head);
    if (await this.handledAsBatch(events, head)) return events.length === limit;
    for (const event of events) {
      if (this.stopped) break;
      try {
        this.handledSinceStored = true;
        await this.options.handler(event, this.stopping.signal);
      } catch (error) {
        throw new HandlerFailure(error, event);
      }
      this.advance(event.position, head);
    }
    if (this.stopped) return false;
    if (events.length < limit) this.advance(head, head);
    return events.length === limit;
  }

  /** Hands the events to the batch handler; false when there is none or it failed (the events then go one by one). */
  private async handledAsBatch(events: readonly EventEnvelope[], head: number): Promise<boolean> {
    const { batchHandler } = this.options;
    if (!batchHandler || events.length === 0 || this.stopped) return false;
    this.handledSinceStored = true;
    try {
      await batchHandler(events, this.stopping.signal);
    } catch {
      return false;
    }
    this.advance((events.at(-1) as EventEnvelope).position, head);
    if (events.length < (this.options.batchSize ?? 500)) this.advance(head, head);
    return true;
  }

  private advance(position: number, head: number): void {
    if (position <= this.current) return;
    this.current = position;
    this.waiters.release(position);
    this.reportLag(head);
  }

  private reportLag(head: number): void {
    const { onLag } = this.options;
    if (onLag) this.tell(() => onLag(Math.max(0, head - this.current)));
  }

  /**
   * Stores the position after events were handled, on stop, and otherwise at most once a second: a subscriber
   * that only skips other categories' events (most of them, in a process running every service) would else write
   * its checkpoint on every append, and re-reading skipped events after a restart costs nothing but a scan.
   * True when nothing is owed; a failure is reported and retried after the next batch.
   */
  private async checkpoint(force: boolean): Promise<boolean> {
    if (this.current === this.stored) return true;
    if (!force && !this.handledSinceStored && Date.now() - this.storedAt < SKIPPED_CHECKPOINT_INTERVAL_MS) return true;
    const position = this.current;
    try {
      await this.options.checkpoints.store(this.options.name, position);
      this.stored = position;
      this.handledSinceStored = false;
      this.storedAt = Date.now();
      return true;
    } catch (error) {
      this.report(error, null, 'checkpoint');
      return false;
    }
  }

  /** Waits `ms`, or less when woken (a notification, a new waiter, stop) if `wakeable`; stop always wakes. */
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
      // A wake-up waits for the end of the current turn of the event loop, so the appends of one request (and of
      // requests served together) are read in one batch rather than one read each.
      this.wakeUp = wakeable ? () => setImmediate(done) : () => (this.stopped ? done() : undefined);
    });
  }
}

const SKIPPED_CHECKPOINT_INTERVAL_MS = 1000;

class HandlerFailure {
  constructor(
    readonly error: unknown,
    readonly event: EventEnvelope,
  ) {}
}
