import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { describeEngine } from '@kinship/testing';
import { KeyUnwrapError, SubjectErasedError } from './key-store.port';
import { InvalidMasterKeyError, generateMasterKey, masterKeyFromConfig } from './master-key';
import { PostgresKeyStore } from './postgres-key-store';

const masterKey = masterKeyFromConfig(generateMasterKey());
const erasedAt = new Date('2025-03-01T08:00:00.000Z');

describeEngine('postgres', 'PostgresKeyStore', (engine) => {
  // A schema of this run's own: the engine is shared with other suites, possibly running right now.
  const schema = `kinship_keys_${randomBytes(5).toString('hex')}`;
  let pool: Pool;
  const stores: PostgresKeyStore[] = [];
  let subjectCounter = 0;

  /** A subject no other test has touched. */
  const freshSubject = () => `resident-${(subjectCounter += 1)}-${randomBytes(3).toString('hex')}`;

  function openStore(options: { masterKey?: Buffer; cacheSize?: number } = {}): PostgresKeyStore {
    const store = new PostgresKeyStore({
      pool,
      schema,
      masterKey: options.masterKey ?? masterKey,
      cacheSize: options.cacheSize,
      clock: () => erasedAt,
    });
    stores.push(store);
    return store;
  }

  beforeAll(async () => {
    pool = new Pool({ connectionString: engine.url, max: 4 });
    await openStore().migrate();
  });

  afterAll(async () => {
    for (const store of stores) await store.close();
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
  });

  describe('when a subject is first seen', () => {
    it('creates a 32-byte key and returns the same key on every later call', async () => {
      const store = openStore();
      const subject = freshSubject();
      const created = await store.getOrCreateKey(subject);
      expect(created).toHaveLength(32);
      expect((await store.getOrCreateKey(subject)).equals(created)).toBe(true);
      expect((await store.getKey(subject))?.equals(created)).toBe(true);
    });

    it('gives every subject its own key', async () => {
      const store = openStore();
      expect((await store.getOrCreateKey(freshSubject())).equals(await store.getOrCreateKey(freshSubject()))).toBe(false);
    });

    it('gives another process, or this one after a restart, the same key', async () => {
      const subject = freshSubject();
      const created = await openStore().getOrCreateKey(subject);
      expect((await openStore().getKey(subject))?.equals(created)).toBe(true);
      expect((await openStore().getOrCreateKey(subject)).equals(created)).toBe(true);
    });

    it('gives two processes creating the key at once the same key', async () => {
      const subject = freshSubject();
      const keys = await Promise.all([openStore(), openStore(), openStore()].map((store) => store.getOrCreateKey(subject)));
      expect(keys[1].equals(keys[0])).toBe(true);
      expect(keys[2].equals(keys[0])).toBe(true);
    });

    it('answers null for a subject that never had a key, without creating one', async () => {
      const store = openStore();
      const subject = freshSubject();
      expect(await store.getKey(subject)).toBeNull();
      expect(await store.isErased(subject)).toBe(false);
      const { rows } = await pool.query(`SELECT 1 FROM "${schema}".data_keys WHERE subject_id = $1`, [subject]);
      expect(rows).toEqual([]);
    });

    it('hands out copies, so wiping a returned key does not damage the cached one', async () => {
      const store = openStore();
      const subject = freshSubject();
      const created = await store.getOrCreateKey(subject);
      const copy = Buffer.from(created);
      created.fill(0);
      expect((await store.getKey(subject))?.equals(copy)).toBe(true);
    });

    it('stores the key wrapped, never in plain', async () => {
      const subject = freshSubject();
      const key = await openStore().getOrCreateKey(subject);
      const { rows } = await pool.query<{ wrapped_key: Buffer }>(`SELECT wrapped_key FROM "${schema}".data_keys WHERE subject_id = $1`, [
        subject,
      ]);
      expect(rows[0].wrapped_key).toHaveLength(12 + 16 + 32);
      expect(rows[0].wrapped_key.includes(key)).toBe(false);
    });
  });

  describe('when the subject is erased', () => {
    it('forgets the key, remembers the erasure and refuses to create a new key', async () => {
      const store = openStore();
      const subject = freshSubject();
      await store.getOrCreateKey(subject);
      await store.erase(subject);

      expect(await store.getKey(subject)).toBeNull();
      expect(await store.isErased(subject)).toBe(true);
      await expect(store.getOrCreateKey(subject)).rejects.toBeInstanceOf(SubjectErasedError);
      await expect(openStore().getOrCreateKey(subject)).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('accepts a second erasure and keeps the first erasure time', async () => {
      const store = openStore();
      const subject = freshSubject();
      await store.getOrCreateKey(subject);
      await store.erase(subject);
      await expect(
        new PostgresKeyStore({ pool, schema, masterKey, clock: () => new Date('2026-01-01T00:00:00.000Z') }).erase(subject),
      ).resolves.toBeUndefined();
      const { rows } = await pool.query<{ erased_at: Date }>(`SELECT erased_at FROM "${schema}".data_keys WHERE subject_id = $1`, [subject]);
      expect(rows.map((row) => row.erased_at.toISOString())).toEqual([erasedAt.toISOString()]);
    });

    it('blocks key creation for a subject erased before any key existed', async () => {
      const store = openStore();
      const subject = freshSubject();
      await store.erase(subject);
      await expect(store.getOrCreateKey(subject)).rejects.toThrow(SubjectErasedError);
      expect(await store.isErased(subject)).toBe(true);
    });

    it('leaves other subjects untouched', async () => {
      const store = openStore();
      const [kept, erased] = [freshSubject(), freshSubject()];
      const keptKey = await store.getOrCreateKey(kept);
      await store.getOrCreateKey(erased);
      await store.erase(erased);
      expect((await openStore().getKey(kept))?.equals(keptKey)).toBe(true);
    });

    it('keeps only the subject id and the erasure time in the tombstone', async () => {
      const store = openStore();
      const subject = freshSubject();
      await store.getOrCreateKey(subject);
      await store.erase(subject);
      const { rows } = await pool.query(`SELECT * FROM "${schema}".data_keys WHERE subject_id = $1`, [subject]);
      expect(rows).toEqual([{ subject_id: subject, wrapped_key: null, master_key_id: null, created_at: null, erased_at: erasedAt }]);
    });

    it('never leaves a key behind when creation and erasure race', async () => {
      const subjects = Array.from({ length: 12 }, freshSubject);
      await Promise.all(
        subjects.flatMap((subject) => [openStore().getOrCreateKey(subject).catch((error: unknown) => error), openStore().erase(subject)]),
      );
      for (const subject of subjects) {
        expect(await openStore({ cacheSize: 0 }).getKey(subject)).toBeNull();
        expect(await openStore({ cacheSize: 0 }).isErased(subject)).toBe(true);
      }
    });
  });

  describe('when another process erases the subject', () => {
    it('serves the cached key until the erasure event evicts it', async () => {
      const reader = openStore();
      const subject = freshSubject();
      await reader.getOrCreateKey(subject);

      await openStore().erase(subject);
      expect(await reader.getKey(subject)).not.toBeNull();

      reader.evictFromCache(subject);
      expect(await reader.getKey(subject)).toBeNull();
      await expect(reader.getOrCreateKey(subject)).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('keeps only the most recently used keys in memory', async () => {
      const reader = openStore({ cacheSize: 2 });
      const [oldest, older, newest] = [freshSubject(), freshSubject(), freshSubject()];
      for (const subject of [oldest, older, newest]) await reader.getOrCreateKey(subject);
      await reader.getKey(older);
      const eraser = openStore();
      for (const subject of [oldest, older, newest]) await eraser.erase(subject);

      expect(await reader.getKey(oldest)).toBeNull();
      expect(await reader.getKey(older)).not.toBeNull();
    });

    it('reads through to the table on every call when the cache is off', async () => {
      const reader = openStore({ cacheSize: 0 });
      const subject = freshSubject();
      await reader.getOrCreateKey(subject);
      await openStore().erase(subject);
      expect(await reader.getKey(subject)).toBeNull();
    });
  });

  describe('when the master key changes', () => {
    it('refuses to unwrap keys wrapped by another master key', async () => {
      const subject = freshSubject();
      await openStore().getOrCreateKey(subject);
      const other = openStore({ masterKey: masterKeyFromConfig(generateMasterKey()), cacheSize: 0 });
      await expect(other.getKey(subject)).rejects.toBeInstanceOf(KeyUnwrapError);
      await expect(other.getOrCreateKey(subject)).rejects.toBeInstanceOf(KeyUnwrapError);
    });

    it('refuses a master key of the wrong length', () => {
      expect(() => new PostgresKeyStore({ pool, schema, masterKey: Buffer.alloc(16, 7) })).toThrow(InvalidMasterKeyError);
    });
  });

  describe('when a wrapped key is copied onto another subject', () => {
    it('fails authentication instead of handing out the other person key', async () => {
      const store = openStore({ cacheSize: 0 });
      const [first, second] = [freshSubject(), freshSubject()];
      await store.getOrCreateKey(first);
      await store.getOrCreateKey(second);
      await pool.query(
        `UPDATE "${schema}".data_keys SET wrapped_key = (SELECT wrapped_key FROM "${schema}".data_keys WHERE subject_id = $1)
          WHERE subject_id = $2`,
        [first, second],
      );
      await expect(store.getKey(second)).rejects.toBeInstanceOf(KeyUnwrapError);
    });
  });

  it('rejects an empty subject id', async () => {
    await expect(openStore().getOrCreateKey('')).rejects.toThrow(TypeError);
  });

  it('migrates again without harm', async () => {
    const subject = freshSubject();
    const key = await openStore().getOrCreateKey(subject);
    await Promise.all([openStore().migrate(), openStore().migrate()]);
    expect((await openStore().getKey(subject))?.equals(key)).toBe(true);
  });
});
