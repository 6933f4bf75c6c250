import Database from 'better-sqlite3';
import { KeyStore, SubjectErasedError } from './key-store.port';
import { KeyWrapper } from './key-wrapping';
import { LruCache } from './lru-cache';
import { MASTER_KEY_BYTES, InvalidMasterKeyError } from './master-key';


export interface SqliteKeyStoreOptions {
  /** A file name (opened and owned by the store) or a connection shared with other stores (not closed by it). */
  database: string | Database.Database;
  /** 32 bytes, see `masterKeyFromConfig`. */
  masterKey: Buffer;
  /** How many unwrapped keys to keep in memory; 0 disables the cache. Default 1024. */
  cacheSize?: number;
  /** Source of the erasure time recorded in the tombstone. */
  clock?: () => Date;
}

interface KeyRow {
  wrapped_key: Buffer;
  master_key_id: string;
}

/**
 * Per-person data keys in SQLite, each wrapped with AES-256-GCM under the master key. Erasure deletes
 * the wrapped key with `secure_delete` on (SQLite zeroes the freed bytes) and keeps a tombstone of the
 * subject id and time only.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly ownsDatabase: boolean;
  private readonly keys: KeyWrapper;
  private readonly cache: LruCache<string, Buffer>;
  private readonly clock: () => Date;
  private readonly pendingKeys: Array<{ subjectId: string; resolve: (key: Buffer) => void; reject: (error: unknown) => void }> = [];
  private readonly createKeys: Database.Transaction<(subjectIds: readonly string[]) => Array<Buffer | SubjectErasedError>>;
  private readonly statements: {
    selectKey: Database.Statement<[string], KeyRow>;
    selectTombstone: Database.Statement<[string], { subject_id: string }>;
    insertKey: Database.Statement<[string, Buffer, string, string]>;
    deleteKey: Database.Statement<[string]>;
    insertTombstone: Database.Statement<[string, string]>;
  };

  constructor(options: SqliteKeyStoreOptions) {
    if (options.masterKey.length !== MASTER_KEY_BYTES) {
      throw new InvalidMasterKeyError(`The master key must be ${MASTER_KEY_BYTES} bytes, got ${options.masterKey.length}.`);
    }
    this.ownsDatabase = typeof options.database === 'string';
    this.db = typeof options.database === 'string' ? new Database(options.database) : options.database;
    // Copied so the caller wiping or reusing its buffer cannot change the key under us.
    this.keys = new KeyWrapper(options.masterKey);
    this.cache = new LruCache<string, Buffer>(options.cacheSize ?? 1024, (key) => key.fill(0));
    this.clock = options.clock ?? (() => new Date());

    // Per connection: on a shared connection every store's deletes get zeroed too, which costs a little I/O only.
    this.db.pragma('secure_delete = ON');
    if (this.ownsDatabase) {
      // A key must be on disk before any ciphertext made with it is acknowledged, or a power cut could leave
      // events nobody can read: FULL syncs every commit, and WAL keeps that to one fsync instead of a journal's two.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS privacy_data_keys (
        subject_id    TEXT PRIMARY KEY,
        wrapped_key   BLOB NOT NULL,
        master_key_id TEXT NOT NULL,
        created_at    TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS privacy_erased_subjects (
        subject_id TEXT PRIMARY KEY,
        erased_at  TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
    // Immediate: two processes sharing the file must not both create a key for the same subject.
    this.createKeys = this.db.transaction((subjectIds: readonly string[]) => this.findOrCreateKeys(subjectIds));
    this.statements = {
      selectKey: this.db.prepare('SELECT wrapped_key, master_key_id FROM privacy_data_keys WHERE subject_id = ?'),
      selectTombstone: this.db.prepare('SELECT subject_id FROM privacy_erased_subjects WHERE subject_id = ?'),
      insertKey: this.db.prepare(
        'INSERT INTO privacy_data_keys (subject_id, wrapped_key, master_key_id, created_at) VALUES (?, ?, ?, ?)',
      ),
      deleteKey: this.db.prepare('DELETE FROM privacy_data_keys WHERE subject_id = ?'),
      insertTombstone: this.db.prepare(
        'INSERT INTO privacy_erased_subjects (subject_id, erased_at) VALUES (?, ?) ON CONFLICT (subject_id) DO NOTHING',
      ),
    };
  }

  async getOrCreateKey(subjectId: string): Promise<Buffer> {
    assertSubjectId(subjectId);
    const cached = this.cache.get(subjectId);
    if (cached) return Buffer.from(cached);
    return new Promise<Buffer>((resolve, reject) => {
      this.pendingKeys.push({ subjectId, resolve, reject });
      if (this.pendingKeys.length === 1) setImmediate(() => this.createPendingKeys());
    });
  }

  /**
   * Group commit: every key asked for in the same turn of the event loop is created in one transaction, so
   * concurrent registrations share one fsync instead of queueing behind one each (synchronous = FULL).
   */
  private createPendingKeys(): void {
    const batch = this.pendingKeys.splice(0);
    let keys: Array<Buffer | SubjectErasedError>;
    try {
      keys = this.createKeys.immediate(batch.map((request) => request.subjectId));
    } catch (error) {
      for (const request of batch) request.reject(error);
      return;
    }
    batch.forEach((request, index) => {
      const key = keys[index] as Buffer | SubjectErasedError;
      if (key instanceof SubjectErasedError) return request.reject(key);
      // Copies: the cache wipes what it evicts, and one subject may appear twice in a batch.
      request.resolve(Buffer.from(key));
      this.cache.set(request.subjectId, Buffer.from(key));
    });
  }

  private findOrCreateKeys(subjectIds: readonly string[]): Array<Buffer | SubjectErasedError> {
    const made = new Map<string, Buffer>();
    return subjectIds.map((subjectId) => {
      if (this.statements.selectTombstone.get(subjectId)) return new SubjectErasedError(subjectId);
      const earlier = made.get(subjectId);
      if (earlier) return earlier;
      const row = this.statements.selectKey.get(subjectId);
      const key = row ? this.keys.unwrap(subjectId, row.wrapped_key, row.master_key_id) : this.keys.newDataKey();
      if (!row) this.statements.insertKey.run(subjectId, this.keys.wrap(subjectId, key), this.keys.masterKeyId, this.clock().toISOString());
      made.set(subjectId, key);
      return key;
    });
  }

  async getKey(subjectId: string): Promise<Buffer | null> {
    assertSubjectId(subjectId);
    const cached = this.cache.get(subjectId);
    if (cached) return Buffer.from(cached);
    const row = this.statements.selectKey.get(subjectId);
    if (!row) return null;
    const key = this.keys.unwrap(subjectId, row.wrapped_key, row.master_key_id);
    this.cache.set(subjectId, key);
    return Buffer.from(key);
  }

  async erase(subjectId: string): Promise<void> {
    assertSubjectId(subjectId);
    this.cache.delete(subjectId);
    this.db.transaction(() => {
      this.statements.deleteKey.run(subjectId);
      this.statements.insertTombstone.run(subjectId, this.clock().toISOString());
    })();
    // In WAL mode the page that held the key still sits in the -wal file until a checkpoint;
    // TRUNCATE copies the zeroed page into the database and empties the log.
    if (String(this.db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }

  async isErased(subjectId: string): Promise<boolean> {
    assertSubjectId(subjectId);
    return this.statements.selectTombstone.get(subjectId) !== undefined;
  }

  /**
   * Forgets a cached key without erasing it. Another process erasing the subject cannot reach this
   * cache, so a consumer of the `…-personal-data-erased` event calls this.
   */
  evictFromCache(subjectId: string): void {
    this.cache.delete(subjectId);
  }

  /** Wipes the cached keys and closes the connection when the store opened it. */
  async close(): Promise<void> {
    this.cache.clear();
    this.keys.wipe();
    if (this.ownsDatabase) this.db.close();
  }
}

function assertSubjectId(subjectId: string): void {
  if (typeof subjectId !== 'string' || subjectId.length === 0) {
    throw new TypeError('A subject id must be a non-empty string.');
  }
}
