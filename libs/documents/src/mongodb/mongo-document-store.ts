// Types only at load time: the embedded mode imports this lib too and never pays for loading the driver.
import type { Connection, mongo } from 'mongoose';
import {
  Collection,
  Document,
  DocumentStore,
  DuplicateKeyError,
  Filter,
  FindOptions,
  IndexSpec,
  Update,
} from '../port/document-store.port';
import { applyUpdate, compileUpdate } from '../document/apply-update';
import { isPlainObject } from '../document/json-document';
import { indexKey, jsonValue, mongoFilter, mongoSort, mongoUpdate, nonNegativeInteger } from './mongo-query';
import { DocumentCodec, NestedArrayCodec, PLAIN_CODEC } from './nested-arrays';

/** Connect to a server of its own, or share a mongoose connection someone else owns. */
export type MongoDocumentStoreOptions =
  | {
      /** A `mongodb://` URL (MongoDB, or FerretDB in the tests). */
      url: string;
      /** The database holding the read models. */
      dbName: string;
      /** How long to look for a reachable server before failing (default 10 000 ms). */
      serverSelectionTimeoutMs?: number;
    }
  | {
      /** A connection opened with `mongoose.createConnection`; `close()` leaves it open. */
      connection: Connection;
    };

// MongoDB's own rules are looser; these are the SQLite adapter's, so a name that works on one works on both.
const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/;
const DUPLICATE_KEY = new Set([11000, 11001]);
const NAMESPACE_EXISTS = 48;
const NAMESPACE_NOT_FOUND = 26;
const NOT_IMPLEMENTED = 238;
const INTERNAL_ERROR = 1;

/** What a stored document looks like to the driver: the port's string `_id` and JSON fields. */
type Stored = { _id: string } & Record<string, unknown>;
type NativeCollection = mongo.Collection<Stored>;
/** Driver calls leave undefined members out instead of storing them as null (what JSON does). */
const BSON = { ignoreUndefined: true } as const;

/**
 * The distributed read-model store (DESIGN §4): one MongoDB collection per port collection, through a
 * mongoose connection.
 *
 * Mongoose manages the connection; the operations use its native driver collections (`connection.db`)
 * rather than models, because read-model collections are named at run time and schemaless, and a model
 * would add `__v`, cast values and strip fields its schema does not know, where the port wants the
 * JSON document back exactly as it was written.
 *
 * Unique indexes are partial (`$exists` on every field) so that documents lacking a field never clash,
 * as in the SQLite adapter; servers without partial indexes (FerretDB) get a sparse index instead.
 * Where it differs from the SQLite adapter: two documents holding an explicit `null` in a unique field
 * clash here (MongoDB indexes null), and a collection dropped by another process is re-created by the
 * next write without its indexes (a drop through this store re-creates them).
 */
export class MongoDocumentStore implements DocumentStore {
  /** Names whose collection and indexes this store has created (or found); a drop forgets the name. */
  private readonly ensured = new Map<string, Promise<void>>();
  /** Whether the server builds partial indexes; learnt from the first unique index declared. */
  private partialIndexes: boolean | undefined;

  private constructor(
    private readonly connection: Connection,
    private readonly db: mongo.Db,
    private readonly ownsConnection: boolean,
    /** How documents are written for this server (FerretDB 1.x stores no array inside an array). */
    private readonly codec: DocumentCodec,
  ) {}

  /** Connects (or waits for the shared connection to be open) and returns the store. */
  static async open(options: MongoDocumentStoreOptions): Promise<MongoDocumentStore> {
    const owns = !('connection' in options);
    const connection =
      'connection' in options
        ? options.connection
        : (await import('mongoose')).createConnection(options.url, {
            dbName: options.dbName,
            serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
            // Nothing here goes through models: a command issued before the connection opens should fail, not queue.
            bufferCommands: false,
            autoIndex: false,
          });
    try {
      await connection.asPromise();
      const db = connection.db;
      if (!db) throw new Error('The mongoose connection has no database after opening');
      const build = await db.command({ buildInfo: 1 });
      const ferretdb = typeof build['ferretdbVersion'] === 'string' ? build['ferretdbVersion'] : null;
      const codec = ferretdb !== null && /^v?1\./.test(ferretdb) ? new NestedArrayCodec() : PLAIN_CODEC;
      return new MongoDocumentStore(connection, db, owns, codec);
    } catch (error) {
      if (owns) await connection.close().catch(() => undefined);
      throw error;
    }
  }

  async collection<T extends Document = Document>(name: string, options?: { indexes?: IndexSpec[] }): Promise<Collection<T>> {
    checkName(name);
    const indexes = [...(options?.indexes ?? [])];
    for (const spec of indexes) indexKey(name, spec);
    const declared = this.create(name, indexes);
    this.ensured.set(name, declared);
    try {
      await declared;
    } catch (error) {
      if (this.ensured.get(name) === declared) this.ensured.delete(name);
      throw error;
    }
    return new MongoCollection<T>(this, name, this.db.collection<Stored>(name), indexes, this.codec);
  }

  async dropCollection(name: string): Promise<void> {
    checkName(name);
    try {
      await this.db.dropCollection(name);
    } catch (error) {
      if (serverCode(error) !== NAMESPACE_NOT_FOUND) throw error;
    }
    this.ensured.delete(name);
  }

  async listCollections(): Promise<string[]> {
    const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return collections
      .map((collection) => collection.name)
      .filter((name) => !name.startsWith('system.'))
      .sort();
  }

  async close(): Promise<void> {
    this.ensured.clear();
    if (this.ownsConnection) await this.connection.close();
  }

  /** Before a write: a collection dropped through this store comes back with its indexes, as in the SQLite adapter. */
  async ensure(name: string, indexes: readonly IndexSpec[]): Promise<void> {
    let pending = this.ensured.get(name);
    if (!pending) {
      pending = this.create(name, indexes);
      this.ensured.set(name, pending);
      pending.catch(() => {
        if (this.ensured.get(name) === pending) this.ensured.delete(name);
      });
    }
    await pending;
  }

  // MongoDB creates a collection on its first write; the port lists a collection from the moment it is
  // opened, so it is created explicitly.
  private async create(name: string, indexes: readonly IndexSpec[]): Promise<void> {
    try {
      await this.db.createCollection(name);
    } catch (error) {
      if (serverCode(error) !== NAMESPACE_EXISTS) throw error;
    }
    const native = this.db.collection<Stored>(name);
    for (const spec of indexes) await this.createIndex(native, name, spec);
  }

  private async createIndex(native: NativeCollection, name: string, spec: IndexSpec): Promise<void> {
    const key = indexKey(name, spec);
    const fields = Object.keys(key);
    try {
      if (spec.unique !== true) {
        await native.createIndex(key);
      } else if (this.partialIndexes !== false) {
        try {
          const present = Object.fromEntries(fields.map((field) => [field, { $exists: true }]));
          await native.createIndex(key, { unique: true, partialFilterExpression: present });
          this.partialIndexes = true;
        } catch (error) {
          if (!partialIndexUnsupported(error)) throw error;
          this.partialIndexes = false;
          await native.createIndex(key, { unique: true, sparse: true });
        }
      } else {
        await native.createIndex(key, { unique: true, sparse: true });
      }
    } catch (error) {
      // Declared over documents that already clash.
      if (spec.unique === true && isDuplicateKey(error)) {
        throw withCause(new DuplicateKeyError(name, fields), error);
      }
      throw error;
    }
  }
}

class MongoCollection<T extends Document> implements Collection<T> {
  constructor(
    private readonly store: MongoDocumentStore,
    private readonly name: string,
    private readonly native: NativeCollection,
    private readonly indexes: readonly IndexSpec[],
    private readonly codec: DocumentCodec,
  ) {}

  async get(id: string): Promise<T | null> {
    checkId(id, 'get');
    return this.codec.decode((await this.native.findOne({ _id: id })) as T | null);
  }

  async upsert(doc: T): Promise<void> {
    if (!isPlainObject(doc)) throw new TypeError('A document must be a plain object');
    if (typeof doc._id !== 'string' || doc._id === '') throw new TypeError('A document needs a non-empty string _id');
    const replacement = this.codec.encode(jsonValue(doc, 'a document')) as Stored;
    await this.store.ensure(this.name, this.indexes);
    try {
      await this.native.replaceOne({ _id: doc._id }, replacement, { upsert: true, ...BSON });
    } catch (error) {
      throw await this.translate(error, async () => replacement);
    }
  }

  async update(id: string, update: Update, options?: { upsert?: boolean }): Promise<boolean> {
    if (typeof id !== 'string' || id === '') throw new TypeError('update needs a non-empty string id');
    const native = mongoUpdate(update, this.codec);
    const upsert = options?.upsert === true;
    await this.store.ensure(this.name, this.indexes);
    if (Object.keys(native).length === 0) return this.touch(id, upsert);
    try {
      const result = await this.native.updateOne({ _id: id }, native, { upsert, ...BSON });
      return result.matchedCount > 0;
    } catch (error) {
      throw await this.translate(error, () => this.afterUpdate(id, update, upsert));
    }
  }

  async delete(id: string): Promise<boolean> {
    checkId(id, 'delete');
    return (await this.native.deleteOne({ _id: id })).deletedCount > 0;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const query = mongoFilter(filter, this.codec) as mongo.Filter<Stored>;
    const sort = mongoSort(options.sort);
    const skip = nonNegativeInteger(options.skip, 'skip');
    // MongoDB itself reads a limit of 0 as no limit.
    const limit = nonNegativeInteger(options.limit, 'limit');
    const cursor = this.native.find(query, { ...(sort ? { sort } : {}), skip, limit });
    return (await cursor.toArray()).map((doc) => this.codec.decode(doc as T));
  }

  async count(filter: Filter): Promise<number> {
    return this.native.countDocuments(mongoFilter(filter, this.codec) as mongo.Filter<Stored>);
  }

  async clear(): Promise<void> {
    await this.native.deleteMany({});
  }

  /** An update with no operations: MongoDB refuses an empty update document, the port reports the match. */
  private async touch(id: string, upsert: boolean): Promise<boolean> {
    const existed = (await this.native.countDocuments({ _id: id }, { limit: 1 })) > 0;
    if (!existed && upsert) {
      const result = await this.native.updateOne({ _id: id }, { $setOnInsert: { _id: id } }, { upsert: true });
      return result.matchedCount > 0;
    }
    return existed;
  }

  /** The document an update that failed on a unique index would have written (for naming the index). */
  private async afterUpdate(id: string, update: Update, upsert: boolean): Promise<Stored | null> {
    const current = (await this.native.findOne({ _id: id })) ?? (upsert ? { _id: id } : null);
    if (!current) return null;
    const next = structuredClone(this.codec.decode(current)) as Stored;
    applyUpdate(next, compileUpdate(update));
    return this.codec.encode(next) as Stored;
  }

  /**
   * A duplicate key becomes `DuplicateKeyError` with the index's fields: from the error's `keyPattern`
   * (MongoDB), else the index its message names (FerretDB names one only when an update clashes), else the
   * collection's one unique index, or the unique index on which another document holds the written values.
   */
  private async translate(error: unknown, written: () => Promise<Stored | null>): Promise<unknown> {
    if (!isDuplicateKey(error)) return error;
    const keyPattern = (error as { keyPattern?: unknown }).keyPattern;
    if (keyPattern !== null && typeof keyPattern === 'object' && Object.keys(keyPattern).length > 0) {
      return withCause(new DuplicateKeyError(this.name, Object.keys(keyPattern)), error);
    }
    const fields = await this.clashingIndexFields(error, written).catch(() => []);
    return withCause(new DuplicateKeyError(this.name, fields), error);
  }

  private async clashingIndexFields(error: unknown, written: () => Promise<Stored | null>): Promise<string[]> {
    const indexes = await this.native.listIndexes().toArray();
    const byName = indexNamedIn(errorMessage(error), indexes);
    if (byName) return Object.keys(byName.key as object);
    const unique = indexes.filter((index) => index.unique === true && index.name !== '_id_').map((index) => Object.keys(index.key as object));
    if (unique.length === 0) return ['_id'];
    if (unique.length === 1) return unique[0];
    const doc = await written();
    if (!doc) return [];
    for (const fields of unique) {
      const values = fields.map((field) => valueAt(doc, field));
      if (values.some((value) => value === undefined)) continue;
      const clash: Record<string, unknown> = { _id: { $ne: doc._id } };
      fields.forEach((field, i) => (clash[field] = values[i]));
      if (await this.native.findOne(clash as mongo.Filter<Stored>, { projection: { _id: 1 } })) return fields;
    }
    return [];
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw new TypeError(`Invalid collection name ${JSON.stringify(name)}: letters, digits, '_', '.', '-' only`);
  }
}

// An undefined id would vanish from the filter (ignoreUndefined) and match any document.
function checkId(id: string, operation: string): void {
  if (typeof id !== 'string') throw new TypeError(`${operation} needs a string id`);
}

/** The server's error code, by shape: a driver loaded twice (Jest registries) has two MongoServerError classes. */
function serverCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : '';
}

/**
 * E11000; or, from FerretDB 1.x, which answers E11000 for inserts but an InternalError (code 1) carrying its
 * backend's own message for updates and index builds, that message (SQLite's, or PostgreSQL's SQLSTATE 23505).
 */
function isDuplicateKey(error: unknown): boolean {
  const code = serverCode(error);
  if (DUPLICATE_KEY.has(code ?? 0)) return true;
  return code === INTERNAL_ERROR && /UNIQUE constraint failed: index '|\(SQLSTATE 23505\)/.test(errorMessage(error));
}

/**
 * The index a duplicate-key message names: MongoDB's `index: <name> dup key`, or FerretDB's SQLite index
 * `'<table>_<hash>_<name>'`, whose MongoDB name is the longest one it ends with.
 */
function indexNamedIn(message: string, indexes: readonly mongo.IndexDescriptionInfo[]): mongo.IndexDescriptionInfo | undefined {
  const mongoName = /index: (\S+) dup key/.exec(message)?.[1];
  if (mongoName) return indexes.find((index) => index.name === mongoName);
  const sqliteName = /UNIQUE constraint failed: index '([^']+)'/.exec(message)?.[1];
  if (!sqliteName) return undefined;
  return indexes
    .filter((index) => index.name !== undefined && sqliteName.endsWith(`_${index.name}`))
    .sort((a, b) => (b.name?.length ?? 0) - (a.name?.length ?? 0))[0];
}

function partialIndexUnsupported(error: unknown): boolean {
  return serverCode(error) === NOT_IMPLEMENTED;
}

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  let node: unknown = doc;
  for (const segment of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function withCause<E extends Error>(error: E, cause: unknown): E {
  (error as Error & { cause?: unknown }).cause = cause;
  return error;
}
