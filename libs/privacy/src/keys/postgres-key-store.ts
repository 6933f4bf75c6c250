import { Pool } from 'pg';
import { KeyStore, SubjectErasedError } from './key-store.port';
import { KeyWrapper } from './key-wrapping';
import { LruCache } from './lru-cache';
import { InvalidMasterKeyError, MASTER_KEY_BYTES } from './master-key';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A pool the caller owns (left open by `close`), or a connection string the store opens a pool for. */
export type PostgresKeyStoreOptions = ({ pool: Pool } | { connectionString: string; poolSize?: number }) & {
  /** The PostgreSQL schema of the key table (default `kinship_privacy`). */
  schema?: string;
  /** 32 bytes, see `masterKeyFromConfig`. */
  masterKey: Buffer;
  /** How many unwrapped keys to keep in memory; 0 disables the cache. Default 1024. */
  cacheSize?: number;
  /** Source of the creation and erasure times recorded. */
  clock?: () => Date;
};

interface KeyRow {
  wrapped_key: Buffer | null;
  master_key_id: string | null;
  erased: boolean;
}

/**
 * Per-person data keys in a PostgreSQL schema of their own (DESIGN §2, distributed mode), each wrapped
 * with AES-256-GCM under the master key, in the same format as `SqliteKeyStore`. A subject has one row:
 * keyed, or erased (a tombstone of the subject id and erasure time only). Creation and erasure meet on
 * that row's primary key, so no key can be created after the erasure has committed.
 *
 * PostgreSQL does not overwrite a deleted value in place: the wrapped key may outlive its erasure in dead
 * row versions, the WAL and backups. It is useless without the master key; rotating the master key (and
 * re-wrapping the live keys) is what finally shreds such remnants.
 */
export class PostgresKeyStore implements KeyStore {
  readonly schema: string;

  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly table: string;
  private readonly keys: KeyWrapper;
  private readonly cache: LruCache<string, Buffer>;
  private readonly clock: () => Date;

  constructor(options: PostgresKeyStoreOptions) {
    if (options.masterKey.length !== MASTER_KEY_BYTES) {
      throw new InvalidMasterKeyError(`The master key must be ${MASTER_KEY_BYTES} bytes, got ${options.masterKey.length}.`);
    }
    this.schema = options.schema ?? 'kinship_privacy';
    if (!IDENTIFIER.test(this.schema)) {
      throw new RangeError(`PostgreSQL schema name ${JSON.stringify(this.schema)} must match ${IDENTIFIER.source}`);
    }
    this.table = `"${this.schema}".data_keys`;
    this.ownsPool = !('pool' in options);
    this.pool = 'pool' in options ? options.pool : new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server is reported on the pool; unheard, the event would end the process.
    if (this.ownsPool) this.pool.on('error', (error) => console.error('PostgresKeyStore: an idle connection failed', error));
    // Copied so the caller wiping or reusing its buffer cannot change the key under us.
    this.keys = new KeyWrapper(options.masterKey);
    this.cache = new LruCache<string, Buffer>(options.cacheSize ?? 1024, (key) => key.fill(0));
    this.clock = options.clock ?? (() => new Date());
  }

  /** Creates the schema and the key table when missing; safe to run from several processes at once. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kinship-migrate:${this.schema}`]);
      await client.query(`
        CREATE SCHEMA IF NOT EXISTS "${this.schema}";
        CREATE TABLE IF NOT EXISTS ${this.table} (
          subject_id    text        PRIMARY KEY,
          wrapped_key   bytea,
          master_key_id text,
          created_at    timestamptz,
          erased_at     timestamptz,
          CONSTRAINT data_keys_keyed_or_erased CHECK (
            (erased_at IS NULL AND wrapped_key IS NOT NULL AND master_key_id IS NOT NULL AND created_at IS NOT NULL)
            OR (erased_at IS NOT NULL AND wrapped_key IS NULL AND master_key_id IS NULL AND created_at IS NULL))
        );
      `);
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(error as Error);
      throw error;
    }
  }

  async getOrCreateKey(subjectId: string): Promise<Buffer> {
    assertSubjectId(subjectId);
    const cached = this.cache.get(subjectId);
    if (cached) return Buffer.from(cached);
    for (;;) {
      const candidate = this.keys.newDataKey();
      // One round trip whether the key is new or not: inserted, or else the row already there.
      const { rows } = await this.pool.query<KeyRow & { inserted: boolean }>({
        name: `kinship-key-get-or-create:${this.schema}`,
        text: `
          WITH inserted AS (
            INSERT INTO ${this.table} (subject_id, wrapped_key, master_key_id, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (subject_id) DO NOTHING
            RETURNING wrapped_key, master_key_id, false AS erased)
          SELECT wrapped_key, master_key_id, erased, true AS inserted FROM inserted
          UNION ALL
          SELECT wrapped_key, master_key_id, erased_at IS NOT NULL, false FROM ${this.table}
           WHERE subject_id = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
        values: [subjectId, this.keys.wrap(subjectId, candidate), this.keys.masterKeyId, this.clock()],
      });
      const row = rows[0];
      // No row: another process created it after this statement's snapshot was taken; the next one sees it.
      if (row === undefined) continue;
      if (row.erased) {
        candidate.fill(0);
        throw new SubjectErasedError(subjectId);
      }
      const key = row.inserted ? candidate : this.keys.unwrap(subjectId, row.wrapped_key, row.master_key_id);
      if (!row.inserted) candidate.fill(0);
      this.cache.set(subjectId, Buffer.from(key));
      return key;
    }
  }

  async getKey(subjectId: string): Promise<Buffer | null> {
    assertSubjectId(subjectId);
    const cached = this.cache.get(subjectId);
    if (cached) return Buffer.from(cached);
    const row = await this.select(subjectId);
    if (row === null || row.erased) return null;
    const key = this.keys.unwrap(subjectId, row.wrapped_key, row.master_key_id);
    this.cache.set(subjectId, key);
    return Buffer.from(key);
  }

  async erase(subjectId: string): Promise<void> {
    assertSubjectId(subjectId);
    this.cache.delete(subjectId);
    await this.pool.query({
      name: `kinship-key-erase:${this.schema}`,
      text: `
        INSERT INTO ${this.table} AS k (subject_id, erased_at) VALUES ($1, $2)
        ON CONFLICT (subject_id) DO UPDATE
          SET wrapped_key = NULL, master_key_id = NULL, created_at = NULL, erased_at = COALESCE(k.erased_at, excluded.erased_at)`,
      values: [subjectId, this.clock()],
    });
  }

  async isErased(subjectId: string): Promise<boolean> {
    assertSubjectId(subjectId);
    return (await this.select(subjectId))?.erased ?? false;
  }

  /**
   * Forgets a cached key without erasing it. Another process erasing the subject cannot reach this
   * cache, so a consumer of the `…-personal-data-erased` event calls this.
   */
  evictFromCache(subjectId: string): void {
    this.cache.delete(subjectId);
  }

  /** Wipes the cached keys and the master key, and ends the pool when the store opened it. */
  async close(): Promise<void> {
    this.cache.clear();
    this.keys.wipe();
    if (this.ownsPool && !this.pool.ended) await this.pool.end();
  }

  private async select(subjectId: string): Promise<KeyRow | null> {
    const { rows } = await this.pool.query<KeyRow>({
      name: `kinship-key-select:${this.schema}`,
      text: `SELECT wrapped_key, master_key_id, erased_at IS NOT NULL AS erased FROM ${this.table} WHERE subject_id = $1`,
      values: [subjectId],
    });
    return rows[0] ?? null;
  }
}

function assertSubjectId(subjectId: string): void {
  if (typeof subjectId !== 'string' || subjectId.length === 0) {
    throw new TypeError('A subject id must be a non-empty string.');
  }
}
