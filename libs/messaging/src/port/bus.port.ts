import { EventEnvelope } from '@kinship/contracts';

export type EventHandler = (event: EventEnvelope) => Promise<void>;

export interface ConsumerSpec {
  /** The consumer group; its checkpoint and dead letters are kept under this name. */
  group: string;
  /** Stream categories to receive (e.g. ['resident', 'household']). */
  categories: readonly string[];
  handler: EventHandler;
  /**
   * Optional: handles a run of events at once (a projection applying them in one read-model transaction). An
   * adapter may ignore it; when it fails, the events go to `handler` one by one, with its retries and dead
   * letters, so like `handler` it must be idempotent.
   */
  batchHandler?: (events: readonly EventEnvelope[]) => Promise<void>;
  /** Attempts before a message is dead-lettered (default 5). */
  maxAttempts?: number;
}

export interface DeadLetter {
  id: string;
  group: string;
  event: EventEnvelope;
  error: string;
  attempts: number;
  deadLetteredAt: string;
  replayedAt: string | null;
}

/**
 * The consumer side of the bus (DESIGN §3): at-least-once, ordered per stream, bounded retries,
 * then a dead letter that an operator can list and replay.
 */
export interface MessageBus {
  subscribe(spec: ConsumerSpec): Promise<Consumer>;
  close(): Promise<void>;
}

export interface Consumer {
  readonly group: string;
  /** The position this consumer has handled up to (for lag metrics and read-your-writes). */
  position(): Promise<number>;
  /** Resolves once everything up to `position` has been handled (or dead-lettered), or rejects after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export interface DeadLetterStore {
  list(options?: { group?: string; includeReplayed?: boolean }): Promise<DeadLetter[]>;
  /** Hands the dead letter to its group's handler again; marks it replayed when the handler succeeds. */
  replay(id: string): Promise<void>;
}
