import { EventEnvelope, NewEvent } from '@kinship/contracts';

/** `no-stream`: the stream must not exist yet; `any`: no check; a number: the stream's last version. */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendResult {
  /** The stream's version after the append (the version of its last event; versions start at 0). */
  nextExpectedVersion: number;
  /** Global position of the last event appended. */
  lastPosition: number;
}

/** The one typed error every adapter raises when the expected version does not hold. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamId}: expected version ${expected}, actual ${actual}`);
  }
}

/**
 * Raised when an appended event id already exists elsewhere in the store (another stream, another
 * place in this stream, or twice in one batch), i.e. when the append is neither new nor a repeat.
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`Stream ${streamId}: event id ${eventId} is already in the store`);
  }
}

export interface ReadAllOptions {
  /** Exclusive: events with a position strictly greater than this are returned. 0 reads from the start. */
  fromPosition: number;
  /** Stream categories (the prefix before the first '-'); all when omitted. */
  categories?: readonly string[];
  /** Maximum number of events to return. */
  limit: number;
}

/** The event store port (DESIGN §2). Every adapter passes the one conformance suite in libs/testing. */
export interface EventStore {
  /**
   * Appends atomically. Re-appending the same event ids at the same position of the same stream
   * returns the original result and writes nothing, whatever the expected version says by then.
   * An empty batch is rejected with a RangeError.
   */
  append(streamId: string, events: readonly NewEvent[], options: { expectedVersion: ExpectedVersion }): Promise<AppendResult>;
  /** Events of one stream in stream order, upcast to their current schema version. Empty if absent. */
  readStream(streamId: string, options?: { fromVersion?: number }): Promise<EventEnvelope[]>;
  /** Events in global order after `fromPosition`, never skipping an event committed late. */
  readAll(options: ReadAllOptions): Promise<EventEnvelope[]>;
  /** The highest position a reader can see now (0 when empty). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

/** Named checkpoints of subscribers, kept in the same engine as the events they follow. */
export interface CheckpointStore {
  load(name: string): Promise<number>;
  store(name: string, position: number): Promise<void>;
  list(): Promise<Array<{ name: string; position: number; updatedAt: string }>>;
}

/**
 * Optional capability of an adapter: it tells subscribers in the same process right after an append
 * commits, so they need not wait for their next poll.
 */
export interface AppendNotifications {
  /**
   * Calls `listener` with the last position after every committed append, and the stream categories it wrote when
   * the adapter knows them (without them, a listener must assume any category); returns an unsubscribe.
   */
  onAppended(listener: (lastPosition: number, categories?: readonly string[]) => void): () => void;
}
