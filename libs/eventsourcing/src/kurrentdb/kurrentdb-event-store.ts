import { randomUUID } from 'node:crypto';
import type { AppendResult as KurrentAppendResult, KurrentDBClient, ReadPosition } from '@kurrent/kurrentdb-client';
import { EventEnvelope, NewEvent, Upcasters } from '@kinship/contracts';
import {
  AppendNotifications,
  AppendResult,
  CheckpointStore,
  DuplicateEventIdError,
  EventStore,
  ExpectedVersion,
  ReadAllOptions,
  WrongExpectedVersionError,
} from '../port/event-store.port';
import {
  BACKWARDS,
  CHECKPOINT_REGISTRY_STREAM,
  END,
  FORWARDS,
  INTERNAL_STREAM_PREFIX,
  KurrentRecordedEvent,
  StoredEventRef,
  assertEventIds,
  assertLogPosition,
  categoryFilter,
  checkpointStreamOf,
  claimEventId,
  claimStreamOf,
  findRepeatedAppend,
  inCategories,
  isClientVersionConflict,
  isInternalStream,
  isKinshipEvent,
  isStreamNotFound,
  jsonEventData,
  kinshipStreamsFilter,
  logPositionOf,
  NO_STREAM,
  registryEventId,
  toActualVersion,
  toEnvelope,
  toEventData,
  toLogPosition,
  toPortError,
  toReadPosition,
  toStreamState,
  toStreamVersion,
} from './kurrentdb-mapping';

export { LogPositionOutOfRangeError } from './kurrentdb-mapping';

/** A client the caller owns (left open by `close`), or a connection string the store opens a client for. */
export type KurrentDbEventStoreOptions = ({ client: KurrentDBClient } | { connectionString: string }) & {
  /** Lifts old schema versions on read. */
  upcasters?: Upcasters;
  /**
   * Refuse an event id already appended to another stream (default true), as the port requires. KurrentDB
   * keeps ids unique only where it checks idempotency, so the store first claims each id in a stream of
   * its own (`kinship-event-id-<id>`): one more small write per event. Turn off only where every id is
   * known to be unique across streams.
   */
  claimEventIds?: boolean;
};

/** Events scanned per page when looking backwards for the last Kinship event. */
const HEAD_PAGE = 32;

/**
 * The distributed event store (DESIGN §2) on KurrentDB / EventStoreDB (22.6 or later: stream reads must
 * carry log positions). Stream versions are KurrentDB revisions, the global position is the commit
 * position of `$all` (each of our events has its own), and KurrentDB's single writer commits in log
 * order, so a reader following positions never skips an event. The port's envelope rides in the event:
 * id, type and data are KurrentDB's own, tenant, schema version, time and metadata its JSON metadata.
 */
export class KurrentDbEventStore implements EventStore, AppendNotifications {
  /** Checkpoints of subscribers, in streams of the same database. */
  readonly checkpoints: KurrentDbCheckpointStore;

  /** Settles once the client is loaded: loading it is deferred to the first store built with a connection string. */
  private readonly connection: Promise<KurrentDBClient>;
  private readonly ownsClient: boolean;
  private readonly upcasters: Upcasters | undefined;
  private readonly claimsEventIds: boolean;
  private readonly listeners = new Set<(lastPosition: number) => void>();
  private closed = false;

  constructor(options: KurrentDbEventStoreOptions) {
    this.ownsClient = !('client' in options);
    this.connection = 'client' in options ? Promise.resolve(options.client) : connect(options.connectionString);
    // Handled here so that a store never used does not end the process; every operation meets the error.
    this.connection.catch(() => undefined);
    this.upcasters = options.upcasters;
    this.claimsEventIds = options.claimEventIds ?? true;
    this.checkpoints = new KurrentDbCheckpointStore(this.connection);
  }

  async append(streamId: string, events: readonly NewEvent[], options: { expectedVersion: ExpectedVersion }): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Stream ${streamId}: nothing to append`);
    if (isInternalStream(streamId)) throw new RangeError(`Stream ${streamId}: streams named ${INTERNAL_STREAM_PREFIX}… are the store's own`);
    const { expectedVersion } = options;
    const streamState = toStreamState(streamId, expectedVersion);
    assertEventIds(streamId, events);

    if (expectedVersion === 'any') {
      const repeated = findRepeatedAppend(streamId, await this.storedRefs(streamId), events);
      if (repeated) return this.committed(repeated);
    }
    if (this.claimsEventIds) await this.claim(streamId, events);

    const client = await this.connection;
    let written: KurrentAppendResult;
    try {
      written = await client.appendToStream(streamId, events.map(toEventData), { streamState });
    } catch (error) {
      throw toPortError(streamId, expectedVersion, error);
    }
    if (!written.success) {
      // Only with throwOnAppendFailure=false in the connection string: the client then reports instead of throwing.
      throw new WrongExpectedVersionError(streamId, expectedVersion, toActualVersion(streamId, written.nextExpectedRevision));
    }
    // A repeat that KurrentDB recognised answers with the first append's revision and, when it could
    // read it, the position of that append's last event; without that position the event is read back.
    const nextExpectedVersion = toStreamVersion(streamId, written.nextExpectedRevision);
    const lastPosition = written.position
      ? toLogPosition(written.position.commit, `Stream ${streamId}`)
      : await this.positionAt(streamId, written.nextExpectedRevision);
    return this.committed({ nextExpectedVersion, lastPosition });
  }

  async readStream(streamId: string, options?: { fromVersion?: number }): Promise<EventEnvelope[]> {
    const fromVersion = options?.fromVersion ?? 0;
    if (!Number.isSafeInteger(fromVersion) || fromVersion < 0) {
      throw new RangeError(`Stream ${streamId}: cannot read from version ${fromVersion}`);
    }
    const client = await this.connection;
    const envelopes: EventEnvelope[] = [];
    try {
      for await (const resolved of client.readStream(streamId, { fromRevision: BigInt(fromVersion) })) {
        if (resolved.event) envelopes.push(this.envelope(resolved.event, resolved.commitPosition));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return envelopes;
  }

  async readAll(options: ReadAllOptions): Promise<EventEnvelope[]> {
    const { categories, limit } = options;
    let after = options.fromPosition;
    assertLogPosition(after);
    if (limit <= 0 || categories?.length === 0) return [];
    const filter = categories === undefined ? kinshipStreamsFilter() : categoryFilter(categories);
    const wanted = categories === undefined ? undefined : new Set(categories);

    const client = await this.connection;
    const found: EventEnvelope[] = [];
    for (;;) {
      // A read from an event's position includes that event, which the port's exclusive start leaves out.
      const maxCount = limit - found.length + (after === 0 ? 0 : 1);
      const start = after;
      let seen = 0;
      for await (const resolved of client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(after), maxCount, filter })) {
        if (!resolved.event) continue;
        seen += 1;
        const position = logPositionOf(resolved.event, resolved.commitPosition);
        if (position <= after) continue;
        after = position;
        // The server filters on stream names; system event types and the store's own streams go here.
        if (isKinshipEvent(resolved.event) && inCategories(resolved.event.streamId, wanted)) {
          found.push(this.envelope(resolved.event, resolved.commitPosition));
          if (found.length === limit) return found;
        }
      }
      // Fewer than asked for: the log has nothing more that passes the filter. A page that did not move
      // past its start can only repeat itself, so it ends the read too.
      if (seen < maxCount || after === start) return found;
    }
  }

  async headPosition(): Promise<number> {
    const client = await this.connection;
    const filter = kinshipStreamsFilter();
    let from: ReadPosition = END;
    for (;;) {
      let seen = 0;
      // Reading backwards from a position leaves out the event at it, so each page continues where the last ended.
      for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_PAGE, filter })) {
        if (!resolved.event) continue;
        seen += 1;
        const position = logPositionOf(resolved.event, resolved.commitPosition);
        if (isKinshipEvent(resolved.event)) return position;
        from = toReadPosition(position);
      }
      if (seen < HEAD_PAGE) return 0;
    }
  }

  onAppended(listener: (lastPosition: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.closed) return;
    this.closed = true;
    if (!this.ownsClient) return;
    const client = await this.connection.catch(() => null);
    await client?.dispose();
  }

  /**
   * Writes, for each id, a claim that names this stream into the id's own stream, expecting that stream
   * not to exist. A retry from this stream writes the same claim id, which KurrentDB takes as a repeat;
   * a claim from another stream conflicts. A claim outlives an append that then fails: the id stays
   * this stream's, which is where a retry of that append brings it.
   */
  private async claim(streamId: string, events: readonly NewEvent[]): Promise<void> {
    const client = await this.connection;
    await Promise.all(
      events.map(async (event) => {
        let claimed: KurrentAppendResult;
        try {
          claimed = await client.appendToStream(
            claimStreamOf(event.id),
            jsonEventData(claimEventId(streamId, event.id), 'kinship.event-id-claimed', { streamId }),
            { streamState: NO_STREAM },
          );
        } catch (error) {
          if (isClientVersionConflict(error)) throw new DuplicateEventIdError(streamId, event.id);
          throw error;
        }
        if (!claimed.success) throw new DuplicateEventIdError(streamId, event.id);
      }),
    );
  }

  /** Every event of a stream as the repeated-append check needs it. */
  private async storedRefs(streamId: string): Promise<StoredEventRef[]> {
    const client = await this.connection;
    const refs: StoredEventRef[] = [];
    try {
      for await (const { event, commitPosition } of client.readStream(streamId)) {
        if (!event) continue;
        refs.push({
          id: event.id,
          streamVersion: toStreamVersion(streamId, event.revision),
          position: logPositionOf(event, commitPosition),
        });
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return refs;
  }

  private async positionAt(streamId: string, revision: bigint): Promise<number> {
    const client = await this.connection;
    for await (const { event, commitPosition } of client.readStream(streamId, { fromRevision: revision, maxCount: 1 })) {
      if (event) return logPositionOf(event, commitPosition);
    }
    throw new Error(`Stream ${streamId}: revision ${revision} was appended but cannot be read back`);
  }

  private committed(result: AppendResult): AppendResult {
    for (const listener of this.listeners) {
      // The append has committed: a failing listener must not make it look failed to the caller.
      try {
        listener(result.lastPosition);
      } catch (error) {
        console.error('KurrentDbEventStore: an append listener failed', error);
      }
    }
    return result;
  }

  private envelope(recorded: KurrentRecordedEvent, commitPosition: bigint | undefined): EventEnvelope {
    const envelope = toEnvelope(recorded, logPositionOf(recorded, commitPosition));
    return this.upcasters ? this.upcasters.upcast(envelope) : envelope;
  }
}

interface StoredCheckpoint {
  position: number;
  storedAt: string;
}

/**
 * Named subscriber checkpoints, each in a stream `kinship-checkpoint-<name>` that keeps only its last
 * event (stream metadata maxCount 1); the names are listed in `kinship-checkpoints`.
 */
export class KurrentDbCheckpointStore implements CheckpointStore {
  /** Names whose stream metadata and registry entry this process has written. */
  private readonly prepared = new Set<string>();

  private readonly connection: Promise<KurrentDBClient>;

  /** Shares the event store's client (or the promise of it). */
  constructor(client: KurrentDBClient | Promise<KurrentDBClient>) {
    this.connection = Promise.resolve(client);
  }

  async load(name: string): Promise<number> {
    return (await this.last(name))?.position ?? 0;
  }

  async store(name: string, position: number): Promise<void> {
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`Checkpoint ${name}: ${position} is not a log position`);
    const stream = checkpointStreamOf(name);
    const client = await this.connection;
    if (!this.prepared.has(name)) {
      await client.setStreamMetadata(stream, { maxCount: 1 });
      // Before the first checkpoint event, so that list() never misses a checkpoint that was stored.
      await client.appendToStream(CHECKPOINT_REGISTRY_STREAM, jsonEventData(registryEventId(name), 'kinship.checkpoint-registered', { name }));
      this.prepared.add(name);
    }
    const stored: StoredCheckpoint = { position, storedAt: new Date().toISOString() };
    await client.appendToStream(stream, jsonEventData(randomUUID(), 'kinship.checkpoint-stored', stored));
  }

  async list(): Promise<Array<{ name: string; position: number; updatedAt: string }>> {
    const client = await this.connection;
    const names = new Set<string>();
    try {
      for await (const { event } of client.readStream(CHECKPOINT_REGISTRY_STREAM)) {
        const name = (event?.data as { name?: unknown } | undefined)?.name;
        if (typeof name === 'string') names.add(name);
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    const checkpoints = await Promise.all([...names].map(async (name) => ({ name, stored: await this.last(name) })));
    return checkpoints
      .flatMap(({ name, stored }) => (stored ? [{ name, position: stored.position, updatedAt: stored.storedAt }] : []))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private async last(name: string): Promise<StoredCheckpoint | null> {
    const stream = checkpointStreamOf(name);
    const client = await this.connection;
    try {
      for await (const { event } of client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        const data = event?.data as Partial<StoredCheckpoint> | undefined;
        if (typeof data?.position !== 'number' || typeof data.storedAt !== 'string') {
          throw new Error(`Checkpoint stream ${stream} holds an event that is not a checkpoint`);
        }
        return { position: data.position, storedAt: data.storedAt };
      }
    } catch (error) {
      if (isStreamNotFound(error)) return null;
      throw error;
    }
    return null;
  }
}

async function connect(connectionString: string): Promise<KurrentDBClient> {
  const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
  return KurrentDBClient.connectionString(connectionString);
}
