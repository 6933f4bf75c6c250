import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  Collection,
  Document,
  DocumentBatch,
  DocumentStore,
  DuplicateKeyError,
  Filter,
  FindOptions,
  IndexSpec,
  Update,
} from '../port/document-store.port';
import { applyUpdate, compileUpdate } from '../document/apply-update';
import { fieldExpression, parseFieldPath } from '../document/field-path';
import { FilterCompiler, orderBy } from './filter-sql';
import { inspectDocument, serialiseDocument } from '../document/json-document';

/** Open a file of its own (`':memory:'` works too), or share a connection someone else owns. */
export type SqliteDocumentStoreOptions =
  | {
      /** A database file (its directory is created when missing) or `':memory:'`. */
      filename: string;
      /** How long a writer waits for another connection's lock before failing (default 5000 ms). */
      busyTimeoutMs?: number;
    }
  | {
      /** An open connection; its pragmas are left as they are and `close()` leaves it open. */
      database: Database.Database;
    };

const COLLECTIONS_TABLE = 'kinship_document_collections';
const ARRAY_PATHS_TABLE = 'kinship_document_array_paths';
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS ${COLLECTIONS_TABLE} (name TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS ${ARRAY_PATHS_TABLE} (
    collection TEXT NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (collection, path)
  ) WITHOUT ROWID;
`;
// Names become quoted SQL identifiers; MongoDB's own rules are looser, but these cover ours
// (`resident-directory.residents.v1.b2`) and leave no way to close the quotes.
const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/;
const STATEMENT_CACHE_SIZE = 256;

/**
 * The embedded read-model store (DESIGN §4): one SQLite table per collection holding each document
 * as JSON, declared indexes as expression indexes on `json_extract(doc, '$.path')`, and the port's
 * Mongo-style filters translated to parameterised SQL.
 *
 * A filter on a field that has ever held an array in the collection gets MongoDB's array semantics
 * through `json_each`, which no expression index serves (SQLite has no multikey index); every other
 * filter and sort compiles to the exact expressions the declared indexes are built on.
 *
 * Where it differs from MongoDB: sorting mixes types the SQLite way (booleans sort as 0/1 among
 * numbers), a sort on an array field sorts by its JSON text, and a unique index ignores documents
 * that lack the field (as a sparse unique index does in MongoDB).
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly engine: Engine;

  constructor(options: SqliteDocumentStoreOptions) {
    let db: Database.Database;
    if ('database' in options) {
      db = options.database;
    } else {
      if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
      db = new Database(options.filename);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    }
    this.engine = new Engine(db, !('database' in options));
  }

  async collection<T extends Document = Document>(name: string, options?: { indexes?: IndexSpec[] }): Promise<Collection<T>> {
    const table = tableName(name);
    const indexes = (options?.indexes ?? []).map((spec) => indexSql(name, spec));
    this.engine.createCollection(name, table, indexes);
    return new SqliteCollection<T>(this.engine, name, table, indexes);
  }

  async dropCollection(name: string): Promise<void> {
    this.engine.dropCollection(name, tableName(name));
  }

  async listCollections(): Promise<string[]> {
    return this.engine.statement(`SELECT name FROM ${COLLECTIONS_TABLE} ORDER BY name`, true).all() as string[];
  }

  async close(): Promise<void> {
    this.engine.close();
  }

  /**
   * Gathers the batch's writes in memory (reads through it see them) and applies them in one write transaction
   * when `work` resolves: a projection applying a run of events pays for one commit instead of one per write.
   * A find, count or clear through the batch first writes what was gathered into a transaction the batches of
   * this store share and that stays open until they end, so the query sees it without a commit per query.
   */
  async withBatch<R>(work: (batch: DocumentBatch) => Promise<R>): Promise<R> {
    const batch = new SqliteBatch(this.engine);
    let result: R;
    try {
      result = await work(batch);
    } catch (error) {
      batch.abandon();
      throw error;
    }
    batch.end();
    return result;
  }

  /**
   * SQLite's plan for a find (the `detail` column of EXPLAIN QUERY PLAN), to check that a query
   * is served by a declared index rather than a scan.
   */
  explainFind(name: string, filter: Filter, options?: FindOptions): string[] {
    const { sql, params } = this.engine.findSql(name, tableName(name), filter, options);
    const rows = this.engine.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>;
    return rows.map((row) => row.detail);
  }
}

type Params = Record<string, string | number | null>;

/** The connection and what the store and its collections share over it. */
class Engine {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly transaction: Database.Transaction<(work: () => unknown) => unknown>;
  /**
   * Array paths this connection knows to be recorded, so the writes that hit them again skip the insert. Another
   * connection forgetting them (a clear) is not seen: one read-model file belongs to one store.
   */
  private readonly recordedArrayPaths = new Map<string, Set<string>>();
  /** Recorded inside the open write transaction; known only once it commits. */
  private recordedInTransaction: Array<[string, string]> = [];
  /** Whether the transaction batches share is open (see `inSharedTransaction`). */
  private sharedOpen = false;
  /** Batches that wrote into the shared transaction and have not ended yet. */
  private sharedHolders = 0;

  constructor(
    readonly db: Database.Database,
    private readonly ownsConnection: boolean,
  ) {
    db.exec(SCHEMA);
    this.transaction = db.transaction((work: () => unknown) => work());
  }

  /**
   * Runs `work` in a write transaction committed when it returns. IMMEDIATE takes the write lock up front: a
   * read-then-write transaction that started deferred fails with SQLITE_BUSY instead of waiting when another
   * connection writes in between. While batches share an open transaction, `work` joins it as a savepoint and
   * the shared transaction is committed right after, so this write is committed when it returns all the same.
   */
  inWriteTransaction<R>(work: () => R): R {
    if (this.sharedOpen) {
      const result = this.inSavepoint(work);
      this.commitShared();
      return result;
    }
    if (this.db.inTransaction) return this.inSavepoint(work);
    this.recordedInTransaction = [];
    try {
      const result = this.transaction.immediate(work) as R;
      this.rememberRecorded();
      return result;
    } finally {
      this.recordedInTransaction = [];
    }
  }

  /**
   * Runs `work` in the transaction batches share, opening it when needed, without committing: a batch that must
   * query what it wrote so far writes it here, and its end commits (`leaveShared`).
   */
  inSharedTransaction<R>(work: () => R): R {
    if (!this.sharedOpen) {
      if (this.db.inTransaction) return this.inSavepoint(work);
      this.db.exec('BEGIN IMMEDIATE');
      this.sharedOpen = true;
      this.recordedInTransaction = [];
    }
    return this.inSavepoint(work);
  }

  /** A batch now holds writes in the shared transaction: it is committed at the latest when the batch ends. */
  joinShared(): void {
    this.sharedHolders += 1;
  }

  /** A batch that joined has ended: its writes are committed (with whatever else the shared transaction holds). */
  leaveShared(): void {
    this.sharedHolders -= 1;
    this.commitShared();
  }

  /** Commits the shared transaction; the next spill opens another. */
  private commitShared(): void {
    if (!this.sharedOpen) return;
    this.sharedOpen = false;
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.recordedInTransaction = [];
      throw error;
    }
    this.rememberRecorded();
    this.recordedInTransaction = [];
  }

  /** A savepoint inside the open transaction: a failing `work` undoes its own writes only. */
  private inSavepoint<R>(work: () => R): R {
    const recorded = this.recordedInTransaction.length;
    try {
      return this.transaction(work) as R;
    } catch (error) {
      this.recordedInTransaction.length = recorded;
      throw error;
    }
  }

  private rememberRecorded(): void {
    for (const [name, path] of this.recordedInTransaction) this.knownArrayPaths(name).add(path);
  }

  /** A cached prepared statement, evicting the least recently used beyond a bound. */
  statement(sql: string, pluck = false): Database.Statement {
    const key = pluck ? `pluck:${sql}` : sql;
    let statement = this.statements.get(key);
    if (statement) {
      this.statements.delete(key);
    } else {
      statement = this.db.prepare(sql);
      if (pluck) statement.pluck();
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value as string);
    }
    this.statements.set(key, statement);
    return statement;
  }

  createCollection(name: string, table: string, indexes: readonly string[]): void {
    this.inWriteTransaction(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (_id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`);
      this.statement(`INSERT OR IGNORE INTO ${COLLECTIONS_TABLE} (name) VALUES (?)`).run(name);
      for (const sql of indexes) {
        try {
          this.db.exec(sql);
        } catch (error) {
          throw translateWriteError(name, error);
        }
      }
    });
  }

  dropCollection(name: string, table: string): void {
    this.inWriteTransaction(() => {
      this.db.exec(`DROP TABLE IF EXISTS ${table}`);
      this.statement(`DELETE FROM ${COLLECTIONS_TABLE} WHERE name = ?`).run(name);
      this.forgetArrayPaths(name);
    });
    // Also when the drop rolled back half-way: the next write records its paths again, which costs one insert.
    this.recordedArrayPaths.delete(name);
    for (const key of this.statements.keys()) if (key.includes(table)) this.statements.delete(key);
  }

  arrayPaths(name: string): Set<string> {
    return new Set(this.statement(`SELECT path FROM ${ARRAY_PATHS_TABLE} WHERE collection = ?`, true).all(name) as string[]);
  }

  /** Remembers which paths hold arrays, so filters on them get MongoDB's array semantics. */
  recordArrayPaths(name: string, paths: ReadonlySet<string>): void {
    if (paths.size === 0) return;
    const known = this.knownArrayPaths(name);
    for (const path of paths) {
      if (known.has(path)) continue;
      this.statement(`INSERT OR IGNORE INTO ${ARRAY_PATHS_TABLE} (collection, path) VALUES (?, ?)`).run(name, path);
      this.recordedInTransaction.push([name, path]);
    }
  }

  forgetArrayPaths(name: string): void {
    this.statement(`DELETE FROM ${ARRAY_PATHS_TABLE} WHERE collection = ?`).run(name);
    this.recordedArrayPaths.delete(name);
  }

  private knownArrayPaths(name: string): Set<string> {
    let known = this.recordedArrayPaths.get(name);
    if (!known) {
      known = new Set();
      this.recordedArrayPaths.set(name, known);
    }
    return known;
  }

  findSql(name: string, table: string, filter: Filter, options: FindOptions = {}): { sql: string; params: Params } {
    const where = FilterCompiler.where(filter, this.arrayPaths(name));
    const params: Params = { ...where.params };
    let sql = `SELECT doc FROM ${table} WHERE ${where.sql}${orderBy(options.sort)}`;
    const skip = nonNegativeInteger(options.skip, 'skip');
    const limit = nonNegativeInteger(options.limit, 'limit');
    // MongoDB reads a limit of 0 as no limit.
    if (limit > 0 || skip > 0) {
      sql += ' LIMIT @limit OFFSET @skip';
      params.limit = limit > 0 ? limit : -1;
      params.skip = skip;
    }
    return { sql, params };
  }

  close(): void {
    this.statements.clear();
    if (this.ownsConnection && this.db.open) this.db.close();
  }
}

class SqliteCollection<T extends Document> implements Collection<T> {
  constructor(
    readonly engine: Engine,
    readonly name: string,
    private readonly table: string,
    private readonly indexes: readonly string[],
  ) {}

  async get(id: string): Promise<T | null> {
    const json = this.read(() => this.readJson(id), undefined);
    return json === undefined ? null : (JSON.parse(json) as T);
  }

  async upsert(doc: T): Promise<void> {
    const shape = inspectDocument(doc);
    const json = serialiseDocument(doc);
    this.write(() => this.writeJson(doc._id, json, shape.arrayPaths));
  }

  async update(id: string, update: Update, options?: { upsert?: boolean }): Promise<boolean> {
    if (typeof id !== 'string' || id === '') throw new TypeError('update needs a non-empty string id');
    const compiled = compileUpdate(update);
    return this.write(() => {
      const json = this.readJson(id);
      if (json === undefined && !options?.upsert) return false;
      const doc = json === undefined ? { _id: id } : (JSON.parse(json) as Document);
      applyUpdate(doc, compiled);
      const shape = inspectDocument(doc);
      if (json === undefined) {
        this.engine.statement(`INSERT INTO ${this.table} (_id, doc) VALUES (?, ?)`).run(id, serialiseDocument(doc));
      } else {
        this.engine.statement(`UPDATE ${this.table} SET doc = ? WHERE _id = ?`).run(serialiseDocument(doc), id);
      }
      this.engine.recordArrayPaths(this.name, shape.arrayPaths);
      return json !== undefined;
    });
  }

  async delete(id: string): Promise<boolean> {
    return this.read(() => this.deleteRow(id), false);
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    return this.read(() => {
      const { sql, params } = this.engine.findSql(this.name, this.table, filter, options);
      const rows = this.engine.statement(sql, true).all(params) as string[];
      return rows.map((json) => JSON.parse(json) as T);
    }, []);
  }

  async count(filter: Filter): Promise<number> {
    return this.read(() => {
      const where = FilterCompiler.where(filter, this.engine.arrayPaths(this.name));
      return this.engine.statement(`SELECT count(*) FROM ${this.table} WHERE ${where.sql}`, true).get(where.params) as number;
    }, 0);
  }

  async clear(): Promise<void> {
    this.read(
      () =>
        this.engine.inWriteTransaction(() => {
          this.engine.statement(`DELETE FROM ${this.table}`).run();
          // Nothing holds an array any more: filters may go back to the plain, index-friendly form.
          this.engine.forgetArrayPaths(this.name);
        }),
      undefined,
    );
  }

  /** The stored JSON of a document, inside or outside a transaction; throws when the table is missing. */
  readJson(id: string): string | undefined {
    return this.engine.statement(`SELECT doc FROM ${this.table} WHERE _id = ?`, true).get(id) as string | undefined;
  }

  /** Stores a serialised document; the caller holds the write transaction. */
  writeJson(id: string, json: string, arrayPaths: ReadonlySet<string>): void {
    this.engine.statement(`INSERT INTO ${this.table} (_id, doc) VALUES (?, ?) ON CONFLICT (_id) DO UPDATE SET doc = excluded.doc`).run(id, json);
    this.engine.recordArrayPaths(this.name, arrayPaths);
  }

  deleteRow(id: string): boolean {
    return this.engine.statement(`DELETE FROM ${this.table} WHERE _id = ?`).run(id).changes > 0;
  }

  /** Whether a document exists (false for a dropped collection). */
  exists(id: string): boolean {
    return this.read(() => this.engine.statement(`SELECT 1 FROM ${this.table} WHERE _id = ?`, true).get(id) !== undefined, false);
  }

  /** Reads of a dropped collection find nothing, as in MongoDB. */
  read<R>(work: () => R, whenDropped: R): R {
    try {
      return work();
    } catch (error) {
      if (isMissingTable(error)) return whenDropped;
      throw error;
    }
  }

  /** Creates the collection again (with its indexes) after it was dropped. */
  recreate(): void {
    this.engine.createCollection(this.name, this.table, this.indexes);
  }

  /** A write to a dropped collection creates it again (with its indexes), as in MongoDB. */
  private write<R>(work: () => R): R {
    try {
      try {
        return this.engine.inWriteTransaction(work);
      } catch (error) {
        if (!isMissingTable(error)) throw error;
        this.recreate();
        return this.engine.inWriteTransaction(work);
      }
    } catch (error) {
      throw translateWriteError(this.name, error);
    }
  }
}

/** A write waiting in a batch: the document's JSON and array paths, or null for a delete. */
interface PendingWrite {
  json: string | null;
  arrayPaths: ReadonlySet<string>;
}

const NO_PATHS: ReadonlySet<string> = new Set();

/** The writes of one `withBatch`, per collection in the order first touched, applied in one transaction. */
class SqliteBatch implements DocumentBatch {
  private readonly pending = new Map<SqliteCollection<Document>, Map<string, PendingWrite>>();
  private readonly views = new Map<SqliteCollection<Document>, BatchedCollection<Document>>();
  /** Whether this batch spilled writes into the shared transaction. */
  private joined = false;

  constructor(private readonly engine: Engine) {}

  collection<T extends Document>(collection: Collection<T>): Collection<T> {
    if (!(collection instanceof SqliteCollection) || collection.engine !== this.engine) {
      throw new TypeError('A batch wraps collections of its own store only');
    }
    const base = collection as unknown as SqliteCollection<Document>;
    let view = this.views.get(base);
    if (!view) {
      view = new BatchedCollection(base, this);
      this.views.set(base, view);
    }
    return view as unknown as Collection<T>;
  }

  lookup(collection: SqliteCollection<Document>, id: string): PendingWrite | undefined {
    return this.pending.get(collection)?.get(id);
  }

  put(collection: SqliteCollection<Document>, id: string, write: PendingWrite): void {
    let writes = this.pending.get(collection);
    if (!writes) {
      writes = new Map();
      this.pending.set(collection, writes);
    }
    writes.set(id, write);
  }

  /**
   * Writes what was gathered so far into the store's shared transaction without committing, so a query sees it.
   * From then on this batch's writes are committed when it ends, even if it fails (see `withBatch`).
   */
  spill(): void {
    if (!this.joined) {
      this.engine.joinShared();
      this.joined = true;
    }
    this.write((apply) => this.engine.inSharedTransaction(apply));
  }

  /**
   * Ends the batch: applies what it gathered in one transaction (or, after a spill, in the shared one), and commits.
   * Each document's last state is written once, in the order documents were first touched: a unique index that
   * only holds at the end of the batch may fail here, and the caller then repeats its work without a batch.
   */
  end(): void {
    if (!this.joined) return this.write((apply) => this.engine.inWriteTransaction(apply));
    try {
      this.write((apply) => this.engine.inSharedTransaction(apply));
    } finally {
      this.joined = false;
      this.engine.leaveShared();
    }
  }

  /** Ends a batch whose work failed: what it gathered is dropped; what it spilled is committed with the rest. */
  abandon(): void {
    this.pending.clear();
    if (this.joined) {
      this.joined = false;
      this.engine.leaveShared();
    }
  }

  private write(inTransaction: (apply: () => void) => void): void {
    if (this.pending.size === 0) return;
    const writes = [...this.pending];
    this.pending.clear();
    const apply = () => {
      for (const [collection, byId] of writes) {
        try {
          for (const [id, write] of byId) {
            if (write.json === null) collection.deleteRow(id);
            else collection.writeJson(id, write.json, write.arrayPaths);
          }
        } catch (error) {
          throw isMissingTable(error) ? error : translateWriteError(collection.name, error);
        }
      }
    };
    try {
      inTransaction(apply);
    } catch (error) {
      if (!isMissingTable(error)) throw error;
      // A collection was dropped while the batch ran: writes create it again, as single writes do.
      for (const [collection] of writes) collection.recreate();
      inTransaction(apply);
    }
  }
}

/** A collection seen through a batch: writes wait in the batch, reads look there first. */
class BatchedCollection<T extends Document> implements Collection<T> {
  constructor(
    private readonly base: SqliteCollection<T>,
    private readonly batch: SqliteBatch,
  ) {}

  async get(id: string): Promise<T | null> {
    const json = this.currentJson(id);
    return json === undefined ? null : (JSON.parse(json) as T);
  }

  async upsert(doc: T): Promise<void> {
    const shape = inspectDocument(doc);
    this.batch.put(this.untyped, doc._id, { json: serialiseDocument(doc), arrayPaths: shape.arrayPaths });
  }

  async update(id: string, update: Update, options?: { upsert?: boolean }): Promise<boolean> {
    if (typeof id !== 'string' || id === '') throw new TypeError('update needs a non-empty string id');
    const compiled = compileUpdate(update);
    const json = this.currentJson(id);
    if (json === undefined && !options?.upsert) return false;
    const doc = json === undefined ? { _id: id } : (JSON.parse(json) as Document);
    applyUpdate(doc, compiled);
    const shape = inspectDocument(doc);
    this.batch.put(this.untyped, id, { json: serialiseDocument(doc), arrayPaths: shape.arrayPaths });
    return json !== undefined;
  }

  async delete(id: string): Promise<boolean> {
    const pending = this.batch.lookup(this.untyped, id);
    const existed = pending ? pending.json !== null : this.base.exists(id);
    this.batch.put(this.untyped, id, { json: null, arrayPaths: NO_PATHS });
    return existed;
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    this.batch.spill();
    return this.base.find(filter, options);
  }

  async count(filter: Filter): Promise<number> {
    this.batch.spill();
    return this.base.count(filter);
  }

  async clear(): Promise<void> {
    this.batch.spill();
    return this.base.clear();
  }

  private get untyped(): SqliteCollection<Document> {
    return this.base as unknown as SqliteCollection<Document>;
  }

  private currentJson(id: string): string | undefined {
    const pending = this.batch.lookup(this.untyped, id);
    if (pending) return pending.json ?? undefined;
    return this.base.read(() => this.base.readJson(id), undefined);
  }
}

function tableName(collection: string): string {
  if (typeof collection !== 'string' || !COLLECTION_NAME.test(collection)) {
    throw new TypeError(`Invalid collection name ${JSON.stringify(collection)}: letters, digits, '_', '.', '-' only`);
  }
  return `"doc:${collection}"`;
}

// The index name carries its fields, so a unique violation (which SQLite reports by index name)
// can say which fields clashed without a lookup.
function indexSql(collection: string, spec: IndexSpec): string {
  const fields = Object.entries(spec.fields ?? {});
  if (fields.length === 0) throw new TypeError(`An index on ${collection} needs at least one field`);
  const columns = fields.map(([path, direction]) => {
    if (direction !== 1 && direction !== -1) throw new TypeError(`Index direction of ${path} must be 1 or -1`);
    return `${fieldExpression(parseFieldPath(path))} ${direction === 1 ? 'ASC' : 'DESC'}`;
  });
  const unique = spec.unique === true;
  const name = `doc:${collection}|${unique ? 'unique' : 'index'}|${fields.map(([path, direction]) => `${path}:${direction}`).join(',')}`;
  return `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${name}" ON ${tableName(collection)} (${columns.join(', ')})`;
}

/**
 * The code and message of a SQLite error, by shape rather than `instanceof SqliteError`: the native addon keeps
 * the error class of whichever module registry loaded it first (Jest gives each test file its own).
 */
function sqliteFailure(error: unknown): { code: string; message: string } | null {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_') && typeof message === 'string' ? { code, message } : null;
}

function translateWriteError(collection: string, error: unknown): unknown {
  const failure = sqliteFailure(error);
  if (!failure) return error;
  if (failure.code !== 'SQLITE_CONSTRAINT_UNIQUE' && failure.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return error;
  const index = /index '[^|']*\|[a-z]+\|([^']*)'/.exec(failure.message);
  const fields = index ? index[1].split(',').map((field) => field.slice(0, field.lastIndexOf(':'))) : ['_id'];
  const duplicate = new DuplicateKeyError(collection, fields);
  (duplicate as Error & { cause?: unknown }).cause = error;
  return duplicate;
}

function isMissingTable(error: unknown): boolean {
  const failure = sqliteFailure(error);
  return failure !== null && /no such table: doc:/.test(failure.message);
}

function nonNegativeInteger(value: number | undefined, option: string): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${option} must be a non-negative integer, got ${value}`);
  return value;
}
