/** A Mongo-style filter subset every adapter supports (SQLite here, MongoDB via mongoose later). */
export type FieldCondition =
  | string
  | number
  | boolean
  | null
  | {
      $eq?: unknown;
      $ne?: unknown;
      $in?: unknown[];
      $nin?: unknown[];
      $gt?: unknown;
      $gte?: unknown;
      $lt?: unknown;
      $lte?: unknown;
      $exists?: boolean;
    };
/** Keys are dotted field paths. `$and` / `$or` combine sub-filters. */
export type Filter = { [path: string]: FieldCondition | Filter[] | undefined } & { $and?: Filter[]; $or?: Filter[] };

export interface Update {
  $set?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $unset?: Record<string, true>;
}

export interface FindOptions {
  /** Dotted path → 1 ascending / -1 descending, applied in key order. */
  sort?: Record<string, 1 | -1>;
  skip?: number;
  /** 0 or absent: no limit (as in MongoDB). */
  limit?: number;
}

export interface IndexSpec {
  fields: Record<string, 1 | -1>;
  unique?: boolean;
}

/** Documents are JSON objects with a string `_id`. */
export type Document = { _id: string } & Record<string, unknown>;

export interface Collection<T extends Document = Document> {
  get(id: string): Promise<T | null>;
  /** Replaces the whole document (inserting it when absent). */
  upsert(doc: T): Promise<void>;
  /**
   * Applies the update; with `upsert`, creates `{ _id: id }` first when absent. Returns whether an
   * existing document matched (false when the upsert created it, like MongoDB's `matchedCount`).
   */
  update(id: string, update: Update, options?: { upsert?: boolean }): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /** Drops every document (used by projection rebuilds). */
  clear(): Promise<void>;
}

export interface DocumentStore {
  /** Opens (creating if needed) a collection and its declared indexes. */
  collection<T extends Document = Document>(name: string, options?: { indexes?: IndexSpec[] }): Promise<Collection<T>>;
  dropCollection(name: string): Promise<void>;
  listCollections(): Promise<string[]>;
  close(): Promise<void>;
  /**
   * Optional: runs `work` with a batch that gathers the writes made through `batch.collection(...)` and applies
   * them together, in one transaction, when `work` resolves (a projection applying a run of events at once).
   * Reads through the batch see its own writes. A `find`, `count` or `clear` through the batch first applies
   * what was gathered so far; otherwise a rejected `work` leaves nothing of the batch applied. Writes made
   * outside the batch are not part of it. Use `withDocumentBatch`, which falls back to writing at once.
   */
  withBatch?<R>(work: (batch: DocumentBatch) => Promise<R>): Promise<R>;
}

/** The writes of one `DocumentStore.withBatch` call, seen through the collections it wraps. */
export interface DocumentBatch {
  /** `collection` (of the batch's store) as seen through the batch: its writes wait for the end of the batch. */
  collection<T extends Document>(collection: Collection<T>): Collection<T>;
}

/** A batch that writes at once: what `withDocumentBatch` uses for a store without `withBatch`. */
const IMMEDIATE_BATCH: DocumentBatch = { collection: (collection) => collection };

/**
 * Runs `work` in a batch of `store` when the adapter offers one, else with writes applied one by one. Either way
 * a rejected `work` may have to be repeated: only idempotent work (a projection's) belongs in a batch.
 */
export function withDocumentBatch<R>(store: DocumentStore, work: (batch: DocumentBatch) => Promise<R>): Promise<R> {
  return store.withBatch ? store.withBatch(work) : work(IMMEDIATE_BATCH);
}

/**
 * The one typed error every adapter raises when a write would break a declared unique index
 * (MongoDB's E11000). `fields` are the index's field paths, when the adapter can tell them.
 */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
  constructor(
    readonly collection: string,
    readonly fields: readonly string[],
  ) {
    super(`Duplicate key in collection ${collection}${fields.length > 0 ? ` on (${fields.join(', ')})` : ''}`);
  }
}
