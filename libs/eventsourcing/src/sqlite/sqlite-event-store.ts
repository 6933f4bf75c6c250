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

export interface SqliteEventStoreOptions {
  /** A database file (its directory is created when missing) or `':memory:'`. */
  filename: string;
  /** Lifts old schema versions on read. */
  upcasters?: Upcasters;
  /** How long a writer waits for another connection's lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
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
  private readonly listeners = new Set<(lastPosition: number) => void>();
  private readonly readAllByCategoryCount = new Map<number, Database.Statement<unknown[], EventRow>>();
  private readonly statements: ReturnType<SqliteEventStore['prepare']>;
  private readonly appendTransaction: (streamId: string, events: readonly NewEvent[], expected: ExpectedVersion) => AppendResult;

  constructor(options: SqliteEventStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.exec(SCHEMA);
    this.upcasters = options.upcasters;
    this.statements = this.prepare();
    this.checkpoints = new SqliteCheckpointStore(this.db);
    const transaction = this.db.transaction((streamId: string, events: readonly NewEvent[], expected: ExpectedVersion) =>
      this.appendInTransaction(streamId, events, expected),
    );
    // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes can
    // fail with SQLITE_BUSY instead of waiting when another connection writes in between.
    this.appendTransaction = (streamId, events, expected) => transaction.immediate(streamId, events, expected);
  }

  /**
   * The underlying connection, for adapters that keep their own tables in the same file (the embedded
   * bus's dead letters). Do not write to `events` or `checkpoints` through it.
   */
  get database(): Database.Database {
    return this.db;
  }

  async append(streamId: string, events: readonly NewEvent[], options: { expectedVersion: ExpectedVersion }): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Stream ${streamId}: nothing to append`);
    const result = this.appendTransaction(streamId, events, options.expectedVersion);
    for (const listener of this.listeners) {
      // The append has committed: a failing listener must not make it look failed to the caller.
      try {
        listener(result.lastPosition);
      } catch (error) {
        console.error('SqliteEventStore: an append listener failed', error);
      }
    }
    return result;
  }

  async readStream(streamId: string, options?: { fromVersion?: number }): Promise<EventEnvelope[]> {
    const rows = this.statements.readStream.all(streamId, options?.fromVersion ?? 0);
    return rows.map((row) => this.toEnvelope(row));
  }

  async readAll(options: ReadAllOptions): Promise<EventEnvelope[]> {
    const rows =
      options.categories === undefined
        ? this.statements.readAll.all(options.fromPosition, options.limit)
        : options.categories.length === 0
          ? []
          : this.readAllInCategories(options.categories.length).all(options.fromPosition, ...options.categories, options.limit);
    return rows.map((row) => this.toEnvelope(row));
  }

  async headPosition(): Promise<number> {
    return this.statements.head.get()?.position ?? 0;
  }

  onAppended(listener: (lastPosition: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.db.open) this.db.close();
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
      readAll: this.db.prepare<[number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      head: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    };
  }

  private readAllInCategories(count: number): Database.Statement<unknown[], EventRow> {
    let statement = this.readAllByCategoryCount.get(count);
    if (!statement) {
      const placeholders = Array.from({ length: count }, () => '?').join(', ');
      statement = this.db.prepare<unknown[], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position > ? AND category IN (${placeholders}) ORDER BY position LIMIT ?`,
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
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        );
        lastPosition = Number(info.lastInsertRowid);
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
