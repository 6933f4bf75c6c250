import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyUnwrapError, SubjectErasedError } from './key-store.port';
import { generateMasterKey, masterKeyFromConfig } from './master-key';
import { SqliteKeyStore } from './sqlite-key-store';

const dir = mkdtempSync(join(tmpdir(), 'kinship-keys-'));
const masterKey = masterKeyFromConfig(generateMasterKey());
let fileCounter = 0;
const stores: SqliteKeyStore[] = [];
const connections: Database.Database[] = [];

function freshFile(): string {
  fileCounter += 1;
  return join(dir, `keys-${fileCounter}.sqlite`);
}

function openStore(database: string | Database.Database, options: { masterKey?: Buffer; cacheSize?: number } = {}): SqliteKeyStore {
  const store = new SqliteKeyStore({
    database,
    masterKey: options.masterKey ?? masterKey,
    cacheSize: options.cacheSize,
    clock: () => new Date('2025-03-01T08:00:00.000Z'),
  });
  stores.push(store);
  return store;
}

function openConnection(file: string): Database.Database {
  const db = new Database(file);
  connections.push(db);
  return db;
}

function fileBytes(file: string): Buffer {
  const parts = [file, `${file}-wal`, `${file}-journal`].filter((path) => existsSync(path)).map((path) => readFileSync(path));
  return Buffer.concat(parts);
}

afterAll(async () => {
  for (const store of stores) await store.close();
  for (const db of connections) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteKeyStore', () => {
  describe('when a subject is first seen', () => {
    it('creates a 32-byte key and returns the same key on every later call', async () => {
      const store = openStore(freshFile());
      const created = await store.getOrCreateKey('resident-1');
      expect(created).toHaveLength(32);
      expect((await store.getOrCreateKey('resident-1')).equals(created)).toBe(true);
      expect((await store.getKey('resident-1'))?.equals(created)).toBe(true);
    });

    it('gives every subject its own key', async () => {
      const store = openStore(freshFile());
      const first = await store.getOrCreateKey('resident-1');
      const second = await store.getOrCreateKey('resident-2');
      expect(first.equals(second)).toBe(false);
    });

    it('keeps the key across a restart with the same master key', async () => {
      const file = freshFile();
      const created = await openStore(file).getOrCreateKey('resident-1');
      const reopened = openStore(file);
      expect((await reopened.getKey('resident-1'))?.equals(created)).toBe(true);
    });

    it('answers null for a subject that never had a key, without creating one', async () => {
      const store = openStore(freshFile());
      expect(await store.getKey('nobody')).toBeNull();
      expect(await store.getKey('nobody')).toBeNull();
      expect(await store.isErased('nobody')).toBe(false);
    });

    it('hands out copies, so wiping a returned key does not damage the cached one', async () => {
      const store = openStore(freshFile());
      const created = await store.getOrCreateKey('resident-1');
      const copy = Buffer.from(created);
      created.fill(0);
      expect((await store.getKey('resident-1'))?.equals(copy)).toBe(true);
    });

    it('never writes the plaintext data key to disk', async () => {
      const file = freshFile();
      const store = openStore(file);
      const key = await store.getOrCreateKey('resident-1');
      expect(fileBytes(file).includes(key)).toBe(false);
    });
  });

  describe('when it keeps many keys in its own file', () => {
    it('checkpoints its write-ahead log into the database as it grows, and keeps every key across a restart', async () => {
      const file = freshFile();
      const store = new SqliteKeyStore({ database: file, masterKey, checkpointAfterBytes: 64 * 1024 });
      const created = new Map<string, Buffer>();
      let largestLog = 0;
      for (let round = 0; round < 20; round += 1) {
        const subjects = Array.from({ length: 25 }, (_, i) => `resident-${round}-${i}`);
        const keys = await Promise.all(subjects.map((subject) => store.getOrCreateKey(subject)));
        subjects.forEach((subject, i) => created.set(subject, keys[i] as Buffer));
        largestLog = Math.max(largestLog, statSync(`${file}-wal`).size);
      }
      await store.close();
      expect(largestLog).toBeLessThan(256 * 1024);

      const reopened = openStore(file);
      for (const [subject, key] of created) expect((await reopened.getKey(subject))?.equals(key)).toBe(true);
    });
  });

  describe('when the subject is erased', () => {
    it('forgets the key, remembers the erasure and refuses to create a new key', async () => {
      const store = openStore(freshFile());
      await store.getOrCreateKey('resident-1');
      await store.erase('resident-1');

      expect(await store.getKey('resident-1')).toBeNull();
      expect(await store.isErased('resident-1')).toBe(true);
      await expect(store.getOrCreateKey('resident-1')).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('accepts a second erasure of the same subject', async () => {
      const store = openStore(freshFile());
      await store.getOrCreateKey('resident-1');
      await store.erase('resident-1');
      await expect(store.erase('resident-1')).resolves.toBeUndefined();
      expect(await store.isErased('resident-1')).toBe(true);
    });

    it('blocks key creation for a subject erased before any key existed', async () => {
      const store = openStore(freshFile());
      await store.erase('resident-9');
      await expect(store.getOrCreateKey('resident-9')).rejects.toThrow(SubjectErasedError);
    });

    it('leaves other subjects untouched', async () => {
      const store = openStore(freshFile());
      const kept = await store.getOrCreateKey('resident-2');
      await store.getOrCreateKey('resident-1');
      await store.erase('resident-1');
      expect((await store.getKey('resident-2'))?.equals(kept)).toBe(true);
    });

    it('keeps only the subject id and the erasure time in the tombstone', async () => {
      const file = freshFile();
      const store = openStore(file);
      await store.getOrCreateKey('resident-1');
      await store.erase('resident-1');
      const db = openConnection(file);
      expect(db.prepare('SELECT * FROM privacy_erased_subjects').all()).toEqual([
        { subject_id: 'resident-1', erased_at: '2025-03-01T08:00:00.000Z' },
      ]);
    });

    it('zeroes the wrapped key in the database file (rollback journal)', async () => {
      const file = freshFile();
      const store = openStore(file);
      for (let i = 0; i < 20; i += 1) await store.getOrCreateKey(`resident-${i}`);
      const reader = openConnection(file);
      const { wrapped_key: wrapped } = reader
        .prepare('SELECT wrapped_key FROM privacy_data_keys WHERE subject_id = ?')
        .get('resident-7') as { wrapped_key: Buffer };
      reader.close();
      expect(fileBytes(file).includes(wrapped)).toBe(true);

      await store.erase('resident-7');

      expect(fileBytes(file).includes(wrapped)).toBe(false);
    });

    it('zeroes the wrapped key in the database and its log when sharing a WAL connection', async () => {
      const file = freshFile();
      const db = openConnection(file);
      db.pragma('journal_mode = WAL');
      const store = openStore(db);
      for (let i = 0; i < 20; i += 1) await store.getOrCreateKey(`resident-${i}`);
      const { wrapped_key: wrapped } = db
        .prepare('SELECT wrapped_key FROM privacy_data_keys WHERE subject_id = ?')
        .get('resident-3') as { wrapped_key: Buffer };
      expect(fileBytes(file).includes(wrapped)).toBe(true);

      await store.erase('resident-3');

      expect(fileBytes(file).includes(wrapped)).toBe(false);
      expect(await store.getKey('resident-4')).not.toBeNull();
    });
  });

  describe('when another process erases the subject', () => {
    it('serves the cached key until the erasure event evicts it', async () => {
      const file = freshFile();
      const reader = openStore(file);
      const eraser = openStore(file);
      await reader.getOrCreateKey('resident-1');

      await eraser.erase('resident-1');
      expect(await reader.getKey('resident-1')).not.toBeNull();

      reader.evictFromCache('resident-1');
      expect(await reader.getKey('resident-1')).toBeNull();
      await expect(reader.getOrCreateKey('resident-1')).rejects.toBeInstanceOf(SubjectErasedError);
    });
  });

  describe('when the master key changes', () => {
    it('refuses to unwrap keys wrapped by another master key', async () => {
      const file = freshFile();
      await openStore(file).getOrCreateKey('resident-1');
      const other = openStore(file, { masterKey: masterKeyFromConfig(generateMasterKey()), cacheSize: 0 });
      await expect(other.getKey('resident-1')).rejects.toBeInstanceOf(KeyUnwrapError);
    });
  });

  describe('when a wrapped key is copied onto another subject', () => {
    it('fails authentication instead of handing out the other person key', async () => {
      const file = freshFile();
      const store = openStore(file, { cacheSize: 0 });
      await store.getOrCreateKey('resident-1');
      await store.getOrCreateKey('resident-2');
      const db = openConnection(file);
      db.prepare(
        `UPDATE privacy_data_keys SET wrapped_key = (SELECT wrapped_key FROM privacy_data_keys WHERE subject_id = 'resident-1')
         WHERE subject_id = 'resident-2'`,
      ).run();
      await expect(store.getKey('resident-2')).rejects.toBeInstanceOf(KeyUnwrapError);
    });
  });

  it('rejects an empty subject id', async () => {
    const store = openStore(freshFile());
    await expect(store.getOrCreateKey('')).rejects.toThrow(TypeError);
  });
});
