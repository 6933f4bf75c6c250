import { randomUUID } from 'node:crypto';
import type { AppendResult, AppendStreamState, Filter, ReadPosition, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { StreamNotFoundError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { convertRustRecord } from '@kurrent/kurrentdb-client/dist/utils/convertRustEvent';

/**
 * A stand-in for a KurrentDB server behind the client's methods that the adapter calls, for tests on
 * machines where no server can run (DESIGN §7: fake only what we cannot run). It follows the server's
 * rules as its source states them (IndexWriter.CheckCommit, AllReader): one writer appending to one
 * log; a position is the byte offset of an event's record, with commit = prepare; a read of $all
 * forwards includes the event at its start, backwards excludes it; idempotency by event id at the
 * expected place of a numeric or no-stream append, and through a cache of recent ids for `any`.
 * It is not the server: the e2e suite against a real one stays the proof.
 */
export class InMemoryKurrentDb {
  /** How many appends, reads and metadata writes reached the stand-in. */
  calls = 0;
  private readonly log: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly maxCounts = new Map<string, number>();
  /** The server's cache of committed event ids: the last write of an id wins, as in its PutRecord. */
  private readonly committedIds = new Map<string, { streamId: string; revision: number }>();
  private nextPosition = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    // A fresh database already holds system events ahead of any user event.
    this.write('$epochs', [{ id: '00000000-0000-4000-8000-000000000001', type: '$epoch-information', data: {}, metadata: undefined }]);
  }

  /** Drops every id from the idempotency cache, as a server restart or eviction would. */
  forgetRecentIds(): void {
    this.committedIds.clear();
  }

  /** Writes a system event, as the server does on its own (statistics, scavenges). */
  writeSystemEvent(streamId: string, type: string): void {
    this.write(streamId, [{ id: randomUUID(), type, data: {}, metadata: undefined }]);
  }

  appendToStream(
    streamName: string,
    events: ProposedEvent | ProposedEvent[],
    options: { streamState?: AppendStreamState } = {},
  ): Promise<AppendResult> {
    return this.serially(() => {
      this.calls += 1;
      const batch = Array.isArray(events) ? events : [events];
      const state = options.streamState ?? 'any';
      const stream = this.streams.get(streamName) ?? [];
      const current = stream.length - 1;
      const conflict = () =>
        new WrongExpectedVersionError(undefined, {
          streamName,
          expected: state,
          current: current < 0 ? 'no_stream' : BigInt(current),
        });

      if (state === 'any' || state === 'stream_exists') {
        if (state === 'stream_exists' && current < 0) throw conflict();
        const cached = batch.map((event) => this.committedIds.get(event.id));
        if (cached[0]?.streamId === streamName) {
          if (cached.some((hit) => hit?.streamId !== streamName)) throw conflict();
          return this.idempotent(streamName, cached[cached.length - 1]?.revision ?? 0);
        }
      } else {
        const expected = state === 'no_stream' ? -1 : Number(state);
        if (expected < current) {
          for (let i = 0; i < batch.length; i += 1) {
            const stored = stream[expected + 1 + i];
            if (stored?.id === batch[i].id) continue;
            // A mismatch on the first event is a plain conflict; a later one is a partial repeat, refused alike.
            throw conflict();
          }
          return this.idempotent(streamName, expected + batch.length);
        }
        if (expected > current) throw conflict();
      }
      const written = this.write(streamName, batch);
      const last = written[written.length - 1];
      return { success: true, nextExpectedRevision: BigInt(last.revision), position: { commit: last.position, prepare: last.position } };
    });
  }

  setStreamMetadata(streamName: string, metadata: { maxCount?: number }): Promise<AppendResult> {
    return this.serially(() => {
      this.calls += 1;
      if (metadata.maxCount !== undefined) this.maxCounts.set(streamName, metadata.maxCount);
      const [record] = this.write(`$$${streamName}`, [{ id: randomUUID(), type: '$metadata', data: metadata, metadata: undefined }]);
      return { success: true, nextExpectedRevision: BigInt(record.revision), position: { commit: record.position, prepare: record.position } };
    });
  }

  readStream(
    streamName: string,
    options: { fromRevision?: bigint | 'start' | 'end'; maxCount?: number | bigint; direction?: 'forwards' | 'backwards' } = {},
  ): AsyncIterableIterator<ResolvedEvent> {
    const read = async function* (this: InMemoryKurrentDb): AsyncGenerator<ResolvedEvent> {
      await this.serially(() => (this.calls += 1));
      const all = this.streams.get(streamName) ?? [];
      if (all.length === 0) throw new StreamNotFoundError(undefined, streamName);
      const kept = all.slice(Math.max(0, all.length - (this.maxCounts.get(streamName) ?? all.length)));
      const forwards = options.direction !== 'backwards';
      const from = options.fromRevision ?? (forwards ? 'start' : 'end');
      let selected = forwards
        ? kept.filter((record) => from === 'start' || (from !== 'end' && BigInt(record.revision) >= from))
        : kept.filter((record) => from === 'end' || (from !== 'start' && BigInt(record.revision) <= from)).reverse();
      selected = selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
      for (const record of selected) yield resolved(record);
    };
    return read.call(this);
  }

  readAll(
    options: { fromPosition?: ReadPosition; maxCount?: number | bigint; direction?: 'forwards' | 'backwards'; filter?: Filter } = {},
  ): AsyncIterableIterator<ResolvedEvent> {
    const read = async function* (this: InMemoryKurrentDb): AsyncGenerator<ResolvedEvent> {
      await this.serially(() => (this.calls += 1));
      const from = options.fromPosition ?? (options.direction === 'backwards' ? 'end' : 'start');
      if (typeof from === 'object' && (from.commit !== from.prepare || !this.log.some((record) => record.position === from.commit))) {
        throw new Error(`Read of $all from ${from.commit}/${from.prepare}: not the position of a record`);
      }
      const forwards = options.direction !== 'backwards';
      const inRange = (record: LogRecord) =>
        forwards
          ? from === 'start' || (from !== 'end' && record.position >= from.commit)
          : from === 'end' || (from !== 'start' && record.position < from.commit);
      const ordered = forwards ? this.log : [...this.log].reverse();
      let left = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      for (const record of ordered) {
        if (left === 0) return;
        if (!inRange(record) || !passes(options.filter, record)) continue;
        left -= 1;
        yield resolved(record);
      }
    };
    return read.call(this);
  }

  async dispose(): Promise<void> {
    await this.queue;
  }

  /** One operation at a time, each after the event loop turns: appends race as they do over the network. */
  private serially<T>(operation: () => T): Promise<T> {
    const run = this.queue.then(() => new Promise((resolve) => setImmediate(resolve))).then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private idempotent(streamName: string, lastRevision: number): AppendResult {
    const last = (this.streams.get(streamName) ?? [])[lastRevision];
    return { success: true, nextExpectedRevision: BigInt(lastRevision), position: { commit: last.position, prepare: last.position } };
  }

  private write(streamName: string, batch: readonly ProposedEvent[]): LogRecord[] {
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    return batch.map((event) => {
      const data = Buffer.from(JSON.stringify(event.data), 'utf8');
      const metadata = event.metadata === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(event.metadata), 'utf8');
      const record: LogRecord = {
        streamId: streamName,
        id: event.id,
        type: event.type,
        revision: stream.length,
        position: BigInt(this.nextPosition),
        data,
        metadata,
      };
      this.nextPosition += 128 + data.length + metadata.length;
      stream.push(record);
      this.log.push(record);
      this.committedIds.set(event.id, { streamId: streamName, revision: record.revision });
      return record;
    });
  }
}

interface ProposedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

interface LogRecord {
  streamId: string;
  id: string;
  type: string;
  revision: number;
  position: bigint;
  data: Buffer;
  metadata: Buffer;
}

/** A record as the client hands it over after its own decoding of what the server sent. */
function resolved(record: LogRecord): ResolvedEvent {
  const event = convertRustRecord({
    streamId: record.streamId,
    id: record.id,
    type: record.type,
    isJson: true,
    revision: BigInt(record.revision),
    created: Date.now(),
    data: new Uint8Array(record.data),
    metadata: new Uint8Array(record.metadata),
    position: { commit: record.position, prepare: record.position },
  });
  return { event, commitPosition: record.position } as ResolvedEvent;
}

function passes(filter: Filter | undefined, record: LogRecord): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  if ('regex' in filter) return new RegExp(filter.regex).test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}
