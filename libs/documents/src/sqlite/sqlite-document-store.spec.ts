import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The conformance suite lives in libs/testing so that every adapter, in any lib, runs the same one.
import { documentStoreConformance } from '@kinship/testing';
import { DuplicateKeyError } from '../port/document-store.port';
import { SqliteDocumentStore } from './sqlite-document-store';

const directory = mkdtempSync(join(tmpdir(), 'kinship-sqlite-document-store-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

documentStoreConformance('SQLite', async () => {
  const store = new SqliteDocumentStore({ filename: join(directory, 'conformance.db') });
  return { store, close: () => store.close() };
});

describe('SQLite document store', () => {
  let store: SqliteDocumentStore;
  beforeAll(() => {
    store = new SqliteDocumentStore({ filename: join(directory, 'adapter.db') });
  });
  afterAll(() => store.close());

  describe('when a declared index covers the query', () => {
    const plan = (filter: Parameters<SqliteDocumentStore['explainFind']>[1], options?: Parameters<SqliteDocumentStore['explainFind']>[2]) =>
      store.explainFind('planned', filter, options).join(' | ');

    beforeAll(async () => {
      const residents = await store.collection('planned', {
        indexes: [
          { fields: { stationId: 1, registeredAt: 1 } },
          { fields: { 'address.city': 1 } },
          { fields: { active: 1 } },
          { fields: { age: 1 } },
        ],
      });
      for (let i = 0; i < 200; i++) {
        await residents.upsert({
          _id: `r-${i}`,
          stationId: `s${i % 10}`,
          registeredAt: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
          address: { city: i % 2 ? 'Hangzhou' : 'Ningbo' },
          active: i % 3 === 0,
          age: 18 + (i % 60),
        });
      }
    });

    it('searches the index for an equality on a string', () => {
      expect(plan({ stationId: 's3' })).toMatch(/SEARCH .* USING INDEX "?doc:planned\|index\|stationId:1,registeredAt:1/);
    });

    it('searches the index for an equality on a dotted path', () => {
      expect(plan({ 'address.city': 'Ningbo' })).toMatch(/SEARCH .* USING INDEX .*address\.city/);
    });

    it('searches the index for a boolean and for null', () => {
      expect(plan({ active: true })).toMatch(/SEARCH .* USING INDEX .*active/);
      expect(plan({ age: null })).toMatch(/SEARCH .* USING INDEX .*age/);
    });

    it('searches the index for $in and for a range', () => {
      expect(plan({ stationId: { $in: ['s1', 's2', 's3'] } })).toMatch(/SEARCH .* USING INDEX .*stationId/);
      expect(plan({ age: { $gte: 30, $lt: 40 } })).toMatch(/SEARCH .* USING INDEX .*age:1 \(<expr>>\?( AND <expr><\?)?\)/);
    });

    it('reads an equality plus a sort on the next indexed field in index order, without sorting', () => {
      const detail = plan({ stationId: 's3' }, { sort: { registeredAt: -1 }, limit: 10 });
      expect(detail).toMatch(/SEARCH .* USING INDEX .*stationId:1,registeredAt:1/);
      expect(detail).not.toMatch(/TEMP B-TREE/);
    });

    it('reads a sort on an indexed field in index order, without sorting', () => {
      const detail = plan({}, { sort: { age: 1 }, limit: 10 });
      expect(detail).toMatch(/SCAN .* USING INDEX .*age/);
      expect(detail).not.toMatch(/TEMP B-TREE/);
    });
  });

  describe('when a field has held an array', () => {
    it('still finds scalar values stored before and after the array', async () => {
      const residents = await store.collection('mixed-shapes', { indexes: [{ fields: { tag: 1 } }] });
      await residents.upsert({ _id: 'scalar-before', tag: 'a' });
      await residents.upsert({ _id: 'array', tag: ['b', 'a'] });
      await residents.upsert({ _id: 'scalar-after', tag: 'b' });
      expect((await residents.find({ tag: 'a' })).map((doc) => doc._id).sort()).toEqual(['array', 'scalar-before']);
      expect((await residents.find({ tag: 'b' })).map((doc) => doc._id).sort()).toEqual(['array', 'scalar-after']);
    });

    it('matches an array position in a dotted path, as MongoDB does', async () => {
      const residents = await store.collection('positions');
      await residents.upsert({ _id: 'r-1', moves: [{ to: 's1' }, { to: 's2' }] });
      await residents.upsert({ _id: 'r-2', moves: [{ to: 's2' }] });
      expect((await residents.find({ 'moves.0.to': 's2' })).map((doc) => doc._id)).toEqual(['r-2']);
      expect((await residents.find({ 'moves.to': 's2' })).map((doc) => doc._id).sort()).toEqual(['r-1', 'r-2']);
    });
  });

  describe('when a field path or name could smuggle SQL', () => {
    it('refuses it in filters, sorts, updates and index declarations, and leaves the data alone', async () => {
      const residents = await store.collection('guarded');
      await residents.upsert({ _id: 'r-1', name: 'Ada' });
      const evil = "name') OR 1=1 --";
      await expect(residents.find({ [evil]: 'x' })).rejects.toThrow(TypeError);
      await expect(residents.find({}, { sort: { [evil]: 1 } })).rejects.toThrow(TypeError);
      await expect(residents.update('r-1', { $set: { [evil]: 1 } })).rejects.toThrow(TypeError);
      await expect(residents.find({ 'a..b': 1 })).rejects.toThrow(TypeError);
      await expect(store.collection('guarded', { indexes: [{ fields: { [evil]: 1 } }] })).rejects.toThrow(TypeError);
      await expect(store.collection('x"; DROP TABLE "doc:guarded')).rejects.toThrow(TypeError);
      expect(await residents.find({ name: "Ada' OR '1'='1" })).toEqual([]);
      expect(await residents.get('r-1')).toEqual({ _id: 'r-1', name: 'Ada' });
    });

    it('refuses an operator it does not know rather than ignoring it', async () => {
      const residents = await store.collection('guarded');
      await expect(residents.find({ name: { $regex: 'A' } } as never)).rejects.toThrow(/\$regex/);
      await expect(residents.find({ $nor: [{ name: 'Ada' }] } as never)).rejects.toThrow(/\$nor/);
    });
  });

  describe('when a document holds something JSON cannot carry', () => {
    it('refuses it instead of storing something else', async () => {
      const residents = await store.collection('json-only');
      await expect(residents.upsert({ _id: 'r-1', at: new Date('2025-01-01') })).rejects.toThrow(TypeError);
      await expect(residents.upsert({ _id: 'r-1', score: Number.NaN })).rejects.toThrow(TypeError);
      await expect(residents.upsert({ _id: '' })).rejects.toThrow(TypeError);
      expect(await residents.count({})).toBe(0);
    });

    it('drops undefined members, as JSON does', async () => {
      const residents = await store.collection('json-only');
      await residents.upsert({ _id: 'r-2', phone: undefined, name: 'Ada' });
      expect(await residents.get('r-2')).toStrictEqual({ _id: 'r-2', name: 'Ada' });
    });
  });

  describe('when built on a connection it does not own', () => {
    it('shares the connection and leaves it open on close', async () => {
      const database = new Database(join(directory, 'shared.db'));
      const shared = new SqliteDocumentStore({ database });
      await (await shared.collection('households')).upsert({ _id: 'h-1', size: 3 });
      await shared.close();
      expect(database.open).toBe(true);
      expect(database.prepare(`SELECT json_extract(doc, '$.size') AS size FROM "doc:households"`).get()).toEqual({ size: 3 });
      database.close();
    });
  });

  describe('when writes are gathered in a batch', () => {
    it('applies every write of the batch at its end, in one transaction, and lets the batch read its own writes', async () => {
      const filename = join(directory, 'batched.db');
      const batched = new SqliteDocumentStore({ filename });
      try {
        const residents = await batched.collection('residents', { indexes: [{ fields: { stationId: 1 } }] });
        const households = await batched.collection('households');
        const outside = new Database(filename, { readonly: true });
        const visibleOutside = () => outside.prepare('SELECT count(*) AS n FROM "doc:residents"').get() as { n: number };
        await batched.withBatch(async (batch) => {
          const r = batch.collection(residents);
          const h = batch.collection(households);
          for (let i = 0; i < 50; i++) await r.upsert({ _id: `r-${i}`, stationId: 's1', visits: 0 });
          expect(await r.update('r-3', { $inc: { visits: 2 }, $push: { tags: 'new' } })).toBe(true);
          expect(await r.update('r-missing', { $set: { stationId: 's2' } })).toBe(false);
          expect(await r.update('r-made', { $set: { stationId: 's2' } }, { upsert: true })).toBe(false);
          expect(await r.delete('r-4')).toBe(true);
          expect(await r.delete('r-4')).toBe(false);
          await h.upsert({ _id: 'h-1', members: ['r-1', 'r-2'] });
          expect(await r.get('r-3')).toEqual({ _id: 'r-3', stationId: 's1', visits: 2, tags: ['new'] });
          expect(await r.get('r-4')).toBeNull();
          expect(visibleOutside().n).toBe(0);
        });
        expect(visibleOutside().n).toBe(50);
        outside.close();
        expect(await residents.count({ stationId: 's1' })).toBe(49);
        expect((await residents.find({ tags: 'new' })).map((doc) => doc._id)).toEqual(['r-3']);
        expect(await households.get('h-1')).toEqual({ _id: 'h-1', members: ['r-1', 'r-2'] });
      } finally {
        await batched.close();
      }
    });

    it('leaves nothing applied when the work fails before a query', async () => {
      const residents = await store.collection('batch-failure');
      await residents.upsert({ _id: 'kept', n: 1 });
      await expect(
        store.withBatch(async (batch) => {
          await batch.collection(residents).upsert({ _id: 'kept', n: 2 });
          await batch.collection(residents).upsert({ _id: 'dropped' });
          throw new Error('the projection failed');
        }),
      ).rejects.toThrow('the projection failed');
      expect(await residents.find({}, { sort: { _id: 1 } })).toEqual([{ _id: 'kept', n: 1 }]);
    });

    it('applies what it gathered before a find, so the query sees the batch', async () => {
      const residents = await store.collection('batch-query', { indexes: [{ fields: { stationId: 1 } }] });
      await store.withBatch(async (batch) => {
        const view = batch.collection(residents);
        await view.upsert({ _id: 'r-1', stationId: 's1', tags: ['a'] });
        expect((await view.find({ stationId: 's1' })).map((doc) => doc._id)).toEqual(['r-1']);
        expect(await view.count({ tags: 'a' })).toBe(1);
        await view.upsert({ _id: 'r-2', stationId: 's1' });
      });
      expect(await residents.count({ stationId: 's1' })).toBe(2);
    });

    it('commits what a query made it write once it ends, and a single write meanwhile when that write returns', async () => {
      const filename = join(directory, 'batch-shared.db');
      const batched = new SqliteDocumentStore({ filename });
      const outside = new Database(filename, { readonly: true });
      try {
        const residents = await batched.collection('residents', { indexes: [{ fields: { stationId: 1 } }] });
        const audit = await batched.collection('audit');
        const committed = (table: string) => (outside.prepare(`SELECT count(*) AS n FROM "doc:${table}"`).get() as { n: number }).n;
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        const running = batched.withBatch(async (batch) => {
          const view = batch.collection(residents);
          for (let i = 0; i < 5; i++) await view.upsert({ _id: `r-${i}`, stationId: 's1' });
          expect(await view.count({ stationId: 's1' })).toBe(5);
          await released;
          await view.upsert({ _id: 'r-5', stationId: 's1' });
          expect(await view.find({ stationId: 's1' })).toHaveLength(6);
        });
        await new Promise((resolve) => setImmediate(resolve));
        expect(committed('residents')).toBe(0);
        await audit.upsert({ _id: 'a-1' });
        expect(committed('audit')).toBe(1);
        release();
        await running;
        expect(committed('residents')).toBe(6);
        await expect(
          batched.withBatch(async (batch) => {
            await batch.collection(residents).upsert({ _id: 'r-6', stationId: 's2' });
            await batch.collection(residents).count({});
            await batch.collection(residents).upsert({ _id: 'r-7', stationId: 's2' });
            throw new Error('the projection failed');
          }),
        ).rejects.toThrow('the projection failed');
        expect((await residents.find({ stationId: 's2' })).map((doc) => doc._id)).toEqual(['r-6']);
      } finally {
        outside.close();
        await batched.close();
      }
    });

    it('raises a unique-index violation when it applies the batch', async () => {
      const residents = await store.collection('batch-unique', { indexes: [{ fields: { idNumberHash: 1 }, unique: true }] });
      await residents.upsert({ _id: 'r-1', idNumberHash: 'h' });
      await expect(store.withBatch(async (batch) => batch.collection(residents).upsert({ _id: 'r-2', idNumberHash: 'h' }))).rejects.toThrow(
        DuplicateKeyError,
      );
      expect(await residents.count({})).toBe(1);
    });

    it('writes to a collection dropped meanwhile by creating it again', async () => {
      const residents = await store.collection('batch-dropped');
      await store.withBatch(async (batch) => {
        await batch.collection(residents).upsert({ _id: 'r-1' });
        await store.dropCollection('batch-dropped');
      });
      expect(await residents.get('r-1')).toEqual({ _id: 'r-1' });
    });

    it('refuses a collection of another store', async () => {
      const other = new SqliteDocumentStore({ filename: ':memory:' });
      try {
        const foreign = await other.collection('residents');
        await expect(store.withBatch(async (batch) => batch.collection(foreign))).rejects.toThrow(TypeError);
      } finally {
        await other.close();
      }
    });
  });

  describe('when the store is opened again on the same file', () => {
    it('finds the collections, documents and array semantics it left', async () => {
      const filename = join(directory, 'nested', 'reopened.db');
      const first = new SqliteDocumentStore({ filename });
      await (await first.collection('residents')).upsert({ _id: 'r-1', tags: ['a', 'b'] });
      await first.close();

      const second = new SqliteDocumentStore({ filename });
      try {
        expect(await second.listCollections()).toEqual(['residents']);
        const residents = await second.collection('residents');
        expect((await residents.find({ tags: 'b' })).map((doc) => doc._id)).toEqual(['r-1']);
      } finally {
        await second.close();
      }
    });

    it('writes ahead to a WAL journal', () => {
      const database = new Database(join(directory, 'nested', 'reopened.db'));
      try {
        expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        database.close();
      }
    });
  });
});
