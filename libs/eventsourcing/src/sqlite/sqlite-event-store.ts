import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventEnvelope, EventMetadata, NewEvent, streamCategory, Upcasters } from '@kinship/contracts';
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
import { SyncFile, WalSync } from './wal-sync';

export type { SyncFile } from './wal-sync';

export interface SqliteEventStoreOptions {
  /** A database file (its directory is created when missing) or `':memory:'`. */
  filename: string;
  /** Lifts old schema versions on read. */
  upcasters?: Upcasters;
  /** How long a writer waits for another connection's lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
  /**
   * Flushes the write-ahead log before an append is answered (default: `fdatasync` on libuv's thread pool).
   * Not used in memory.
   */
  syncFile?: SyncFile;
}

interface EventRow {
  position: number;
  stream_id: string;
  stream_version: number;
  id: string;
  type: string;
  schema_version: number;
  tenant_id: string;
  occurred_at: string;
  data: string;
  metadata: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL,
    category TEXT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    tenant_id TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    UNIQUE (stream_id, stream_version)
  );
  CREATE INDEX IF NOT EXISTS events_category_position ON events (category, position);
  CREATE TABLE IF NOT EXISTS checkpoints (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
`;

/** A row of the log as read back, plus its category: what the in-memory tail keeps of each recent event. */
type TailRow = EventRow & { category: string };

/** How many of the latest events are kept in memory for subscribers following the head (about 2 KiB each). */
const TAIL_SIZE = 4096;

interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedVersion;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type AppendOutcome = { result: AppendResult } | { error: unknown };

const COLUMNS = 'position, stream_id, stream_version, id, type, schema_version, tenant_id, occurred_at, data, metadata';

/**
 * The embedded event store (DESIGN §2) on one SQLite file. SQLite has a single writer, so the order
 * of positions is the order of commits and a reader following positions can never skip an event.
 */
export class SqliteEventStore implements EventStore, AppendNotifications {
  /** Checkpoints of subscribers, in the same file (and connection) as the events. */
  readonly checkpoints: SqliteCheckpointStore;

  private readonly db: Database.Database;
  private readonly upcasters: Upcasters | undefined;
  private readonly listeners = new Set<(lastPosition: number, categories?: readonly string[]) => void>();
  private readonly readAllByCategoryCount = new Map<number, Database.Statement<unknown[], EventRow>>();
  private readonly statements: ReturnType<SqliteEventStore['prepare']>;
  private readonly appendTransaction: (streamId: string, events: readonly NewEvent[], expected: ExpectedVersion) => AppendResult;
  private readonly groupTransaction: (appends: readonly PendingAppend[]) => Array<AppendOutcome>;
  private pendingAppends: PendingAppend[] = [];
  /**
   * The latest events, contiguous in position, as this connection wrote them: subscribers near the head read
   * them here instead of querying (with 15 of them in one process, most reads are of the last few events).
   */
  private tail: TailRow[] = [];
  /** Rows written by the group transaction under way, added to the tail once it commits. */
  private written: TailRow[] = [];
  /** SQLite's data_version when the tail was last checked: it changes when another connection commits. */
  private seenDataVersion = 0;
  /** Null in memory, where nothing survives a crash anyway. */
  private readonly walSync: WalSync | null;
  /** Every position up to this one is on disk: readers see no further, so nothing they pass on can be lost. */
  private durablePosition = 0;
  /** The highest position a sync has been asked for; `covering` settles when that sync has completed. */
  private requestedPosition = 0;
  private covering: Promise<void> = Promise.resolve();

  constructor(options: SqliteEventStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.exec(SCHEMA);
    this.upcasters = options.upcasters;
    this.statements = this.prepare();
    this.seenDataVersion = this.statements.dataVersion.get() as number;
    this.checkpoints = new SqliteCheckpointStore(this.db);
    // NORMAL leaves commits unsynced in the log (no fsync on the event loop) but keeps checkpoints safe; WalSync
    // syncs the log off the loop, and appends are answered and read only after that (ADR 0014).
    const wal = options.filename !== ':memory:' && String(this.db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    this.walSync = wal ? new WalSync(options.filename, options.syncFile) : null;
    this.durablePosition = this.requestedPosition = this.statements.head.get()?.position ?? 0;
    // Inside the group's transaction this runs as a savepoint: one append failing undoes its own rows only.
    this.appendTransaction = this.db.transaction((streamId: string, events: readonly NewEvent[], expected: ExpectedVersion) =>
      this.appendInTransaction(streamId, events, expected),
    );
    const group = this.db.transaction((appends: readonly PendingAppend[]) =>
      appends.map((pending): AppendOutcome => {
        const writtenBefore = this.written.length;
        try {
          return { result: this.appendTransaction(pending.streamId, pending.events, pending.expected) };
        } catch (error) {
          this.written.length = writtenBefore;
          return { error };
        }
      }),
    );
    // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes can
    // fail with SQLITE_BUSY instead of waiting when another connection writes in between.
    this.groupTransaction = (appends) => group.immediate(appends);
  }

  /**
   * The underlying connection, for adapters that keep their own tables in the same file (the embedded
   * bus's dead letters). Do not write to `events` or `checkpoints` through it.
   */
  get database(): Database.Database {
    return this.db;
  }

  /**
   * Group commit: the appends asked for in one turn of the event loop (the requests served together) are committed
   * in one transaction, each in its own savepoint, so they share one commit, one sync and one wake-up of the
   * subscribers. Each caller still gets its own result or error, only once the commit is on disk: an acknowledged
   * append survives a power cut.
   */
  async append(streamId: string, events: readonly NewEvent[], options: { expectedVersion: ExpectedVersion }): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Stream ${streamId}: nothing to append`);
    if (!this.db.open) throw new TypeError('The event store is closed');
    return new Promise<AppendResult>((resolve, reject) => {
      this.pendingAppends.push({ streamId, events, expected: options.expectedVersion, resolve, reject });
      if (this.pendingAppends.length === 1) setImmediate(() => this.commitPendingAppends());
    });
  }

  private commitPendingAppends(): void {
    const appends = this.pendingAppends;
    if (appends.length === 0) return;
    this.pendingAppends = [];
    let outcomes: AppendOutcome[];
    this.written = [];
    try {
      outcomes = this.groupTransaction(appends);
    } catch (error) {
      this.written = [];
      for (const pending of appends) pending.reject(error);
      return;
    }
    this.extendTail(this.written);
    this.written = [];
    let lastPosition = 0;
    const categories = new Set<string>();
    outcomes.forEach((outcome, i) => {
      if ('result' in outcome) {
        lastPosition = Math.max(lastPosition, outcome.result.lastPosition);
        categories.add(streamCategory(appends[i].streamId));
      }
    });
    const answer = () => {
      if (categories.size > 0) this.notifyAppended(lastPosition, [...categories]);
      outcomes.forEach((outcome, i) => ('result' in outcome ? appends[i].resolve(outcome.result) : appends[i].reject(outcome.error)));
    };
    // Only failures (nothing committed): nothing to wait for.
    if (categories.size === 0) return answer();
    this.syncThrough(lastPosition).then(answer, (error: unknown) => {
      // Committed but perhaps not on disk: the caller must not take it as done. A retry with the same event ids
      // is answered with the original result once a later sync has covered it.
      outcomes.forEach((outcome, i) => appends[i].reject('result' in outcome ? error : outcome.error));
    });
  }

  /** Settles once every position up to `position`, committed before the call, is on disk. */
  private syncThrough(position: number): Promise<void> {
    if (!this.walSync) {
      this.durablePosition = Math.max(this.durablePosition, position);
      return Promise.resolve();
    }
    if (position <= this.durablePosition) return Promise.resolve();
    // A sync asked for after the commit of `position` covers it; one already asked for covers what it was asked for.
    if (position > this.requestedPosition) {
      this.requestedPosition = position;
      const covering: Promise<void> = this.walSync.durable().then(
        () => {
          this.durablePosition = Math.max(this.durablePosition, position);
        },
        (error: unknown) => {
          // The next reader or append asks again.
          if (this.covering === covering) this.requestedPosition = this.durablePosition;
          throw error;
        },
      );
      this.covering = covering;
    }
    return this.covering;
  }

  /**
   * The head as far as it is on disk, waiting for the sync that covers it: what an append of this connection has
   * committed (its sync is under way), another connection's commit, or a write through `database`.
   */
  private async durableHead(): Promise<number> {
    const head = this.statements.head.get()?.position ?? 0;
    if (head > this.durablePosition) await this.syncThrough(head);
    return head;
  }

  private notifyAppended(lastPosition: number, categories: readonly string[]): void {
    for (const listener of this.listeners) {
      // The append has committed: a failing listener must not make it look failed to the caller.
      try {
        listener(lastPosition, categories);
      } catch (error) {
        console.error('SqliteEventStore: an append listener failed', error);
      }
    }
  }

  async readStream(streamId: string, options?: { fromVersion?: number }): Promise<EventEnvelope[]> {
    const rows = this.statements.readStream.all(streamId, options?.fromVersion ?? 0);
    return rows.map((row) => this.toEnvelope(row));
  }

  /**
   * Reads only what is on disk (waiting for the sync of what is committed): a projection or a relay never passes on
   * an event that a power cut could still erase. `readStream` is not bounded: a command decided on an event not yet
   * synced appends after it, and is answered only once a sync covering both has completed.
   */
  async readAll(options: ReadAllOptions): Promise<EventEnvelope[]> {
    const through = await this.durableHead();
    const fromTail = this.readTail(options, through);
    if (fromTail) return fromTail.map((row) => this.toEnvelope(row));
    const rows =
      options.categories === undefined
        ? this.statements.readAll.all(options.fromPosition, through, options.limit)
        : options.categories.length === 0
          ? []
          : this.readAllInCategories(options.categories.length).all(options.fromPosition, through, ...options.categories, options.limit);
    return rows.map((row) => this.toEnvelope(row));
  }

  /** The highest position on disk, once the events committed before the call are (see `readAll`). */
  async headPosition(): Promise<number> {
    return this.durableHead();
  }

  onAppended(listener: (lastPosition: number, categories?: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    // Appends already asked for are committed and answered once synced, not dropped.
    if (this.db.open) this.commitPendingAppends();
    await this.covering.catch(() => undefined);
    this.listeners.clear();
    if (this.db.open) {
      this.db.close();
      this.walSync?.close();
    }
  }

  private prepare() {
    return {
      findById: this.db.prepare<[string], { stream_id: string; stream_version: number }>(
        'SELECT stream_id, stream_version FROM events WHERE id = ?',
      ),
      idsFrom: this.db.prepare<[string, number, number], { id: string; position: number }>(
        'SELECT id, position FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?',
      ),
      streamVersion: this.db.prepare<[string], { version: number | null }>(
        'SELECT MAX(stream_version) AS version FROM events WHERE stream_id = ?',
      ),
      insert: this.db.prepare<[string, number, string, string, string, number, string, string, string, string], never>(
        `INSERT INTO events (stream_id, stream_version, category, id, type, schema_version, tenant_id, occurred_at, data, metadata)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      readStream: this.db.prepare<[string, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version`,
      ),
      readAll: this.db.prepare<[number, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
      ),
      head: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
      dataVersion: this.db.prepare('PRAGMA data_version').pluck(),
    };
  }

  /** The events `readAll` asks for up to `through`, when the tail holds every event after `fromPosition`; else null. */
  private readTail(options: ReadAllOptions, through: number): TailRow[] | null {
    const dataVersion = this.statements.dataVersion.get() as number;
    if (dataVersion !== this.seenDataVersion) {
      // Another connection committed: its events are not in the tail, which starts again with our next append.
      this.seenDataVersion = dataVersion;
      this.tail = [];
    }
    const first = this.tail[0];
    if (!first || options.fromPosition + 1 < first.position) return null;
    const wanted = options.categories && new Set(options.categories);
    const rows: TailRow[] = [];
    for (let i = Math.max(0, options.fromPosition + 1 - first.position); i < this.tail.length && rows.length < options.limit; i++) {
      const row = this.tail[i] as TailRow;
      if (row.position > through) return rows;
      if (!wanted || wanted.has(row.category)) rows.push(row);
    }
    // Written by this connection but not by an append (through `database`): only the table has them.
    if (rows.length < options.limit && (this.tail.at(-1) as TailRow).position < through) return null;
    return rows;
  }

  private extendTail(rows: readonly TailRow[]): void {
    if (rows.length === 0) return;
    const last = this.tail.at(-1);
    // Positions not following on from the tail were taken by another connection meanwhile: start the tail again.
    if (last && (rows[0] as TailRow).position !== last.position + 1) this.tail = [];
    this.tail.push(...rows);
    if (this.tail.length > 2 * TAIL_SIZE) this.tail = this.tail.slice(-TAIL_SIZE);
  }

  private readAllInCategories(count: number): Database.Statement<unknown[], EventRow> {
    let statement = this.readAllByCategoryCount.get(count);
    if (!statement) {
      const placeholders = Array.from({ length: count }, () => '?').join(', ');
      statement = this.db.prepare<unknown[], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND category IN (${placeholders}) ORDER BY position LIMIT ?`,
      );
      this.readAllByCategoryCount.set(count, statement);
    }
    return statement;
  }

  private appendInTransaction(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): AppendResult {
    const repeated = this.findRepeatedAppend(streamId, events, expected);
    if (repeated) return repeated;

    const current = this.statements.streamVersion.get(streamId)?.version ?? null;
    const holds =
      expected === 'any' || (expected === 'no-stream' ? current === null : current !== null && current === expected);
    if (!holds) throw new WrongExpectedVersionError(streamId, expected, current ?? 'no-stream');

    const category = streamCategory(streamId);
    let version = current ?? -1;
    let lastPosition = 0;
    for (const event of events) {
      version += 1;
      const data = JSON.stringify(event.data);
      const metadata = JSON.stringify(event.metadata);
      try {
        const info = this.statements.insert.run(
          streamId,
          version,
          category,
          event.id,
          event.type,
          event.schemaVersion,
          event.tenantId,
          event.occurredAt,
          data,
          metadata,
        );
        lastPosition = Number(info.lastInsertRowid);
        this.written.push({
          position: lastPosition,
          stream_id: streamId,
          stream_version: version,
          category,
          id: event.id,
          type: event.type,
          schema_version: event.schemaVersion,
          tenant_id: event.tenantId,
          occurred_at: event.occurredAt,
          data,
          metadata,
        });
      } catch (error) {
        if (isUniqueViolationOfEventId(error)) throw new DuplicateEventIdError(streamId, event.id);
        throw error;
      }
    }
    return { nextExpectedVersion: version, lastPosition };
  }

  /**
   * A retry of an append that already happened: the batch's ids sit, in order, in this stream exactly
   * where the expected version would have put them. Returns the result the first append returned.
   */
  private findRepeatedAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): AppendResult | null {
    const first = this.statements.findById.get(events[0].id);
    if (!first || first.stream_id !== streamId) return null;
    const wouldStartAt = expected === 'any' ? first.stream_version : expected === 'no-stream' ? 0 : expected + 1;
    if (first.stream_version !== wouldStartAt) return null;
    const stored = this.statements.idsFrom.all(streamId, first.stream_version, events.length);
    if (stored.length !== events.length || stored.some((row, i) => row.id !== events[i].id)) return null;
    return { nextExpectedVersion: first.stream_version + events.length - 1, lastPosition: stored[stored.length - 1].position };
  }

  private toEnvelope(row: EventRow): EventEnvelope {
    const envelope: EventEnvelope = {
      id: row.id,
      type: row.type,
      schemaVersion: row.schema_version,
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      position: row.position,
      tenantId: row.tenant_id,
      occurredAt: row.occurred_at,
      data: JSON.parse(row.data) as unknown,
      metadata: JSON.parse(row.metadata) as EventMetadata,
    };
    return this.upcasters ? this.upcasters.upcast(envelope) : envelope;
  }
}

function isUniqueViolationOfEventId(error: unknown): boolean {
  // Not `instanceof SqliteError`: the native addon is loaded once per process and keeps the error class
  // of whichever module registry loaded it first (Jest gives each test file its own registry).
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.id');
}

/** Named subscriber checkpoints in the event store's SQLite file. */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly loadStatement: Database.Statement<[string], { position: number }>;
  private readonly storeStatement: Database.Statement<[string, number, string], never>;
  private readonly listStatement: Database.Statement<[], { name: string; position: number; updatedAt: string }>;

  constructor(db: Database.Database) {
    this.loadStatement = db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.storeStatement = db.prepare(
      `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    );
    this.listStatement = db.prepare('SELECT name, position, updated_at AS updatedAt FROM checkpoints ORDER BY name');
  }

  async load(name: string): Promise<number> {
    return this.loadStatement.get(name)?.position ?? 0;
  }

  async store(name: string, position: number): Promise<void> {
    this.storeStatement.run(name, position, new Date().toISOString());
  }

  async list(): Promise<Array<{ name: string; position: number; updatedAt: string }>> {
    return this.listStatement.all();
  }
}
