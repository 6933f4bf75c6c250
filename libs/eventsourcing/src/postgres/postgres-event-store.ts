import { Pool, PoolClient, QueryConfig, QueryResultRow } from 'pg';
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
import { ADVISORY_LOCK_CLASS, POSITIONS_PER_TRANSACTION, migrationSql, quoteSchema } from './postgres-event-store.sql';

/** A pool the caller owns (left open by `close`), or a connection string the store opens a pool for. */
export type PostgresEventStoreOptions = ({ pool: Pool } | { connectionString: string; poolSize?: number }) & {
  /** The PostgreSQL schema holding the events and checkpoints (default `kinship`). */
  schema?: string;
  /** Lifts old schema versions on read. */
  upcasters?: Upcasters;
  /**
   * How long `readAll` and `headPosition` wait for this store's own last append to become visible while
   * an older transaction elsewhere is still running (default 5000 ms); then they answer without it.
   */
  ownAppendVisibleWithinMs?: number;
};

interface EventRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  id: string;
  type: string;
  schema_version: number;
  tenant_id: string;
  occurred_at: string;
  data: unknown;
  metadata: EventMetadata;
}

interface AppendRow {
  r_outcome: 'appended' | 'repeated' | 'conflict' | 'duplicate';
  r_version: string | null;
  r_position: string | null;
  r_duplicate: string | null;
}

const COLUMNS = 'global_position, stream_id, stream_version, id, type, schema_version, tenant_id, occurred_at, data, metadata';
const UNIQUE_VIOLATION = '23505';
/** Bounds the retries of an append that keeps losing races (only `any` can lose more than once). */
const MAX_APPEND_ATTEMPTS = 20;

/**
 * The distributed event store (DESIGN §2) on PostgreSQL, in a schema of its own. A global position is
 * the writing transaction's id × 4096 + the event's index in its append: `readAll` and `headPosition`
 * return only events of transactions older than every transaction still running (as Emmett does), so a
 * reader following positions never skips an event that commits late. Positions therefore grow with
 * every transaction of the PostgreSQL cluster and are not consecutive. Call `migrate()` once before use.
 */
export class PostgresEventStore implements EventStore, AppendNotifications {
  /** Checkpoints of subscribers, in the same schema as the events. */
  readonly checkpoints: PostgresCheckpointStore;
  readonly schema: string;

  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly upcasters: Upcasters | undefined;
  private readonly visibleWithinMs: number;
  private readonly listeners = new Set<(lastPosition: number) => void>();
  private readonly sql: ReturnType<typeof statements>;
  /** The last position of this store's own appends that readers have not yet been seen to see. */
  private unseenOwnPosition: number | null = null;
  private closed = false;

  constructor(options: PostgresEventStoreOptions) {
    this.schema = options.schema ?? 'kinship';
    this.ownsPool = !('pool' in options);
    this.pool = 'pool' in options ? options.pool : new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server is reported on the pool; unheard, the event would end the process.
    if (this.ownsPool) this.pool.on('error', (error) => console.error('PostgresEventStore: an idle connection failed', error));
    this.upcasters = options.upcasters;
    this.visibleWithinMs = options.ownAppendVisibleWithinMs ?? 5000;
    this.sql = statements(this.schema);
    this.checkpoints = new PostgresCheckpointStore({ pool: this.pool, schema: this.schema });
  }

  /** Creates the schema, tables and append function when missing; safe to run from several processes at once. */
  async migrate(): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // Concurrent CREATE ... IF NOT EXISTS can still collide in the catalog: one migration at a time.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCK_CLASS, `migrate:${this.schema}`]);
      await client.query(migrationSql(this.schema));
    });
  }

  async append(streamId: string, events: readonly NewEvent[], options: { expectedVersion: ExpectedVersion }): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Stream ${streamId}: nothing to append`);
    if (events.length > POSITIONS_PER_TRANSACTION) {
      throw new RangeError(`Stream ${streamId}: one append holds at most ${POSITIONS_PER_TRANSACTION} events, not ${events.length}`);
    }
    const { expectedVersion } = options;
    if (typeof expectedVersion === 'number' && !Number.isInteger(expectedVersion)) {
      throw new RangeError(`Stream ${streamId}: expected version ${expectedVersion} is not an integer`);
    }
    const ids = new Set<string>();
    for (const event of events) {
      if (ids.has(event.id)) throw new DuplicateEventIdError(streamId, event.id);
      ids.add(event.id);
    }
    const columns = {
      types: [] as string[],
      schemaVersions: [] as number[],
      tenantIds: [] as string[],
      occurredAt: [] as string[],
      data: [] as string[],
      metadata: [] as string[],
    };
    for (const event of events) {
      columns.types.push(event.type);
      columns.schemaVersions.push(event.schemaVersion);
      columns.tenantIds.push(event.tenantId);
      columns.occurredAt.push(event.occurredAt);
      columns.data.push(JSON.stringify(event.data === undefined ? null : event.data));
      columns.metadata.push(JSON.stringify(event.metadata));
    }
    const mode = expectedVersion === 'any' || expectedVersion === 'no-stream' ? expectedVersion : 'version';
    const expected = typeof expectedVersion === 'number' ? expectedVersion : null;
    const category = streamCategory(streamId);

    let findDuplicates = false;
    for (let attempt = 1; ; attempt += 1) {
      let row: AppendRow;
      try {
        row = await this.callAppend([
          streamId,
          category,
          mode,
          expected,
          [...ids],
          columns.types,
          columns.schemaVersions,
          columns.tenantIds,
          columns.occurredAt,
          columns.data,
          columns.metadata,
          findDuplicates,
        ]);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
        // Lost a race to a concurrent append; once it has committed, the next call sees what it wrote.
        if ((error as { constraint?: string }).constraint === 'events_id_unique') findDuplicates = true;
        continue;
      }
      switch (row.r_outcome) {
        case 'appended':
        case 'repeated': {
          const result = { nextExpectedVersion: Number(row.r_version), lastPosition: Number(row.r_position) };
          if (!Number.isSafeInteger(result.lastPosition)) {
            throw new Error(`Stream ${streamId}: position ${String(row.r_position)} is beyond what a JS number holds exactly`);
          }
          this.noteOwnPosition(result.lastPosition);
          this.tellListeners(result.lastPosition);
          return result;
        }
        case 'conflict':
          throw new WrongExpectedVersionError(streamId, expectedVersion, row.r_version === null ? 'no-stream' : Number(row.r_version));
        case 'duplicate':
          throw new DuplicateEventIdError(streamId, row.r_duplicate ?? '');
        default:
          throw new Error(`Stream ${streamId}: unknown append outcome ${String(row.r_outcome)}`);
      }
    }
  }

  async readStream(streamId: string, options?: { fromVersion?: number }): Promise<EventEnvelope[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: `kinship-read-stream:${this.schema}`,
      text: this.sql.readStream,
      values: [streamId, options?.fromVersion ?? 0],
    });
    return rows.map((row) => this.toEnvelope(row));
  }

  async readAll(options: ReadAllOptions): Promise<EventEnvelope[]> {
    if (options.categories !== undefined && options.categories.length === 0) return [];
    const query: QueryConfig =
      options.categories === undefined
        ? { name: `kinship-read-all:${this.schema}`, text: this.sql.readAll, values: [options.fromPosition, options.limit] }
        : {
            name: `kinship-read-categories:${this.schema}`,
            text: this.sql.readCategories,
            values: [options.fromPosition, options.limit, options.categories],
          };
    const rows = await this.readVisible<EventRow & { horizon: string }>(query);
    return rows.filter((row) => row.id !== null).map((row) => this.toEnvelope(row));
  }

  async headPosition(): Promise<number> {
    const [row] = await this.readVisible<{ horizon: string; head: string | null }>({
      name: `kinship-head:${this.schema}`,
      text: this.sql.head,
    });
    return row?.head === null || row === undefined ? 0 : Number(row.head);
  }

  onAppended(listener: (lastPosition: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  /**
   * One round trip. Not `pool.query`, which drops the connection on any error: a lost race fails only the
   * statement's own implicit transaction and leaves the connection fit for reuse (a broken one the pool drops).
   */
  private async callAppend(values: unknown[]): Promise<AppendRow> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<AppendRow>({ name: `kinship-append:${this.schema}`, text: this.sql.append, values });
      return rows[0] as AppendRow;
    } finally {
      client.release();
    }
  }

  /**
   * Runs a read of the visible log; its rows carry the horizon, the first position readers cannot see
   * yet. While an append of this store lies beyond it, reads again shortly: a caller that appended and
   * then reads expects to find its events, and they show as soon as older transactions finish.
   */
  private async readVisible<Row extends QueryResultRow & { horizon: string }>(query: QueryConfig): Promise<Row[]> {
    const deadline = Date.now() + this.visibleWithinMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      const awaited = this.unseenOwnPosition;
      const { rows } = await this.pool.query<Row>(query);
      const horizon = Number(rows[0]?.horizon ?? 0);
      if (awaited === null || awaited < horizon || Date.now() >= deadline) {
        // Given up on after the deadline too, so one stuck transaction elsewhere does not slow every later read.
        const unseen = this.unseenOwnPosition;
        if (unseen !== null && (unseen < horizon || unseen <= (awaited ?? -1))) this.unseenOwnPosition = null;
        return rows;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private noteOwnPosition(position: number): void {
    if (this.unseenOwnPosition === null || position > this.unseenOwnPosition) this.unseenOwnPosition = position;
  }

  private tellListeners(lastPosition: number): void {
    for (const listener of this.listeners) {
      // The append has committed: a failing listener must not make it look failed to the caller.
      try {
        listener(lastPosition);
      } catch (error) {
        console.error('PostgresEventStore: an append listener failed', error);
      }
    }
  }

  private toEnvelope(row: EventRow): EventEnvelope {
    const envelope: EventEnvelope = {
      id: row.id,
      type: row.type,
      schemaVersion: row.schema_version,
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      position: Number(row.global_position),
      tenantId: row.tenant_id,
      occurredAt: row.occurred_at,
      data: row.data,
      metadata: row.metadata,
    };
    return this.upcasters ? this.upcasters.upcast(envelope) : envelope;
  }
}

function statements(schema: string) {
  const s = quoteSchema(schema);
  // Rows of transactions older than every running one: positions below the oldest running id's first one.
  const horizon = `(SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint * ${POSITIONS_PER_TRANSACTION} AS horizon) h`;
  // The horizon is computed once per statement and returned even when no event is: the outer row always exists.
  const visible = (filter: string) => `
    SELECT h.horizon::text AS horizon, e.*
      FROM ${horizon}
      LEFT JOIN LATERAL (
        SELECT ${COLUMNS} FROM ${s}.events
         WHERE global_position > $1 AND global_position < h.horizon ${filter}
         ORDER BY global_position LIMIT $2
      ) e ON true
     ORDER BY e.global_position`;
  return {
    append: `SELECT r_outcome, r_version, r_position, r_duplicate
               FROM ${s}.append_to_stream($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::json[], $11::json[], $12)`,
    readStream: `SELECT ${COLUMNS} FROM ${s}.events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
    readAll: visible(''),
    readCategories: visible('AND category = ANY ($3::text[])'),
    head: `
      SELECT h.horizon::text AS horizon,
             (SELECT global_position FROM ${s}.events WHERE global_position < h.horizon
               ORDER BY global_position DESC LIMIT 1) AS head
        FROM ${horizon}`,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}

async function inTransaction(pool: Pool, work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(error as Error);
    throw error;
  }
}

/** Named subscriber checkpoints in the event store's schema. */
export class PostgresCheckpointStore implements CheckpointStore {
  private readonly pool: Pool;
  private readonly table: string;
  private readonly schema: string;

  /** Shares the event store's pool; the event store's `migrate()` creates the table. */
  constructor(options: { pool: Pool; schema?: string }) {
    this.pool = options.pool;
    this.schema = options.schema ?? 'kinship';
    this.table = `${quoteSchema(this.schema)}.checkpoints`;
  }

  async load(name: string): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>({
      name: `kinship-checkpoint-load:${this.schema}`,
      text: `SELECT position FROM ${this.table} WHERE name = $1`,
      values: [name],
    });
    return rows.length === 0 ? 0 : Number(rows[0].position);
  }

  async store(name: string, position: number): Promise<void> {
    await this.pool.query({
      name: `kinship-checkpoint-store:${this.schema}`,
      text: `INSERT INTO ${this.table} (name, position, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      values: [name, position, new Date()],
    });
  }

  async list(): Promise<Array<{ name: string; position: number; updatedAt: string }>> {
    const { rows } = await this.pool.query<{ name: string; position: string; updated_at: Date }>(
      `SELECT name, position, updated_at FROM ${this.table} ORDER BY name`,
    );
    return rows.map((row) => ({ name: row.name, position: Number(row.position), updatedAt: row.updated_at.toISOString() }));
  }
}
