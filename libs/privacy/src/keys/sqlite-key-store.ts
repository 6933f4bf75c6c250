import Database from 'better-sqlite3';
import { closeSync, fdatasync, fdatasyncSync, fstatSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
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
  /** Size of the write-ahead log beyond which the store's own file is checkpointed (default 4 MiB). */
  checkpointAfterBytes?: number;
}

const DEFAULT_CHECKPOINT_AFTER_BYTES = 4 * 1024 * 1024;

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
  /** Set when the store owns its file: commits are made durable by `WalSync` instead of inside SQLite. */
  private readonly walSync: WalSync | null;
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
    if (this.ownsDatabase && options.database !== ':memory:' && options.database !== '') {
      // A key must be on disk before any ciphertext made with it is acknowledged, or a power cut could leave
      // events nobody can read. SQLite's own FULL would fsync inside every commit, on the event loop; WalSync
      // (ADR 0014) instead syncs the log on libuv's thread pool and hands a key out only once its commit is on disk.
      const wal = String(this.db.pragma('journal_mode = WAL', { simple: true })).toLowerCase() === 'wal';
      if (!wal) this.db.pragma('synchronous = FULL');
      this.walSync = wal ? new WalSync(this.db, options.database as string, options.checkpointAfterBytes ?? DEFAULT_CHECKPOINT_AFTER_BYTES) : null;
    } else {
      this.walSync = null;
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
    if (!this.walSync) return this.handOut(batch, keys);
    // Keys made by this commit are handed out once it is on disk; the requests of the next turns meanwhile
    // gather into the next commit, which the next sync covers.
    this.walSync.durable().then(
      () => this.handOut(batch, keys),
      (error: unknown) => {
        for (const request of batch) request.reject(error);
      },
    );
  }

  private handOut(
    batch: Array<{ subjectId: string; resolve: (key: Buffer) => void; reject: (error: unknown) => void }>,
    keys: Array<Buffer | SubjectErasedError>,
  ): void {
    if (!this.db.open) {
      for (const request of batch) request.reject(new Error('The key store was closed'));
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
    if (this.walSync) {
      await this.walSync.durable();
      this.walSync.checkpoint('TRUNCATE');
    } else if (String(this.db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') {
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
    if (this.ownsDatabase) {
      this.walSync?.close();
      this.db.close();
    }
  }
}

/**
 * Durability of a WAL database whose own syncing is off (ADR 0014): SQLite writes each commit into the -wal file,
 * and `durable()` resolves once an fdatasync of that file, started after the call, has completed, on libuv's
 * thread pool rather than the event loop. Commits made while a sync runs share the next one (group commit).
 * SQLite's automatic checkpoints are off: `checkpoint` copies the log into the database and fdatasyncs the
 * database before SQLite may restart the log, so the log never overwrites frames that are not yet in the database
 * on disk. Together that is what `synchronous = FULL` guarantees: nothing acknowledged is lost to a power cut.
 */
class WalSync {
  private walFd: number | null = null;
  private readonly dbFd: number;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly checkpointAfterBytes: number,
  ) {
    db.pragma('synchronous = OFF');
    db.pragma('wal_autocheckpoint = 0');
    this.dbFd = openSync(file, 'r+');
    // The -wal file must be reachable after a power cut too: its directory entry is synced once, when it exists.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    syncDirectory(dirname(file));
  }

  /** Resolves once everything committed before the call is on disk. */
  durable(): Promise<void> {
    if (!this.running) {
      this.running = this.sync().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // The sync under way may have started before the caller's commit: wait for the next one.
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.durable();
      });
    return this.queued;
  }

  /** Copies the log into the database file and syncs it; TRUNCATE also empties the log (secure deletion). */
  checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
    fdatasyncSync(this.dbFd);
    if (mode === 'TRUNCATE') this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /**
   * Before the connection closes: SQLite checkpoints and deletes the log when its last connection closes, and with
   * syncing off it would not sync the database first. Checkpointed and synced here, and FULL from now on.
   */
  close(): void {
    this.checkpoint('PASSIVE');
    this.db.pragma('synchronous = FULL');
    if (this.walFd !== null) closeSync(this.walFd);
    closeSync(this.dbFd);
    this.walFd = null;
  }

  private async sync(): Promise<void> {
    const fd = this.wal();
    await new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
    // TRUNCATE empties the file, so its size tells how much was written since.
    if (fstatSync(fd).size > this.checkpointAfterBytes) this.checkpoint('TRUNCATE');
  }

  private wal(): number {
    this.walFd ??= openSync(`${this.file}-wal`, 'r+');
    return this.walFd;
  }
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function assertSubjectId(subjectId: string): void {
  if (typeof subjectId !== 'string' || subjectId.length === 0) {
    throw new TypeError('A subject id must be a non-empty string.');
  }
}
