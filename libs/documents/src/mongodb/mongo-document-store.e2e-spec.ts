import { randomBytes } from 'node:crypto';
import { createConnection, mongo } from 'mongoose';
// The conformance suite lives in libs/testing so that every adapter, in any lib, runs the same one.
import { describeEngine, documentStoreConformance } from '@kinship/testing';
import { DuplicateKeyError } from '../port/document-store.port';
import { MongoDocumentStore } from './mongo-document-store';

/** A database of its own per run, so runs (and other helpers' suites) never share collections. */
function databaseName(label: string): string {
  return `kinship_${label}_${randomBytes(4).toString('hex')}`;
}

describeEngine('mongodb', 'MongoDB document store', (engine) => {
  documentStoreConformance('MongoDB', async () => {
    const dbName = databaseName('documents_conformance');
    const store = await MongoDocumentStore.open({ url: engine.url, dbName });
    return { store, close: () => dropDatabaseAndClose(engine.url, dbName, store) };
  });

  describe('MongoDB adapter', () => {
    const dbName = databaseName('documents_adapter');
    let store: MongoDocumentStore;
    let client: mongo.MongoClient;

    beforeAll(async () => {
      store = await MongoDocumentStore.open({ url: engine.url, dbName });
      client = await new mongo.MongoClient(engine.url).connect();
    });

    afterAll(async () => {
      await client?.close();
      if (store) await dropDatabaseAndClose(engine.url, dbName, store);
    });

    describe('when a document is written', () => {
      it('stores it as plain fields, without the mongoose version key', async () => {
        const residents = await store.collection('plain');
        await residents.upsert({ _id: 'r-1', name: 'Ada' });
        await residents.update('r-1', { $set: { phone: '1' } });
        expect(await client.db(dbName).collection('plain').findOne({ _id: 'r-1' as never })).toStrictEqual({ _id: 'r-1', name: 'Ada', phone: '1' });
      });

      it('drops undefined members instead of storing null', async () => {
        const residents = await store.collection('undefined');
        await residents.upsert({ _id: 'r-1', phone: undefined, name: 'Ada' });
        await residents.update('r-1', { $set: { address: { city: 'Oslo', zip: undefined } } });
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', name: 'Ada', address: { city: 'Oslo' } });
      });

      it('refuses what JSON cannot carry, as the SQLite adapter does', async () => {
        const residents = await store.collection('json-only');
        await expect(residents.upsert({ _id: 'r-1', at: new Date('2025-01-01') })).rejects.toThrow(TypeError);
        await expect(residents.upsert({ _id: 'r-1', score: Number.NaN })).rejects.toThrow(TypeError);
        await expect(residents.upsert({ _id: '' })).rejects.toThrow(TypeError);
        await expect(residents.update('r-1', { $set: { at: new Date() } }, { upsert: true })).rejects.toThrow(TypeError);
        expect(await residents.count({})).toBe(0);
      });
    });

    describe('when a document holds arrays inside arrays', () => {
      it('gives them back unchanged through find, $set and $push, and matches them whole', async () => {
        const grids = await store.collection('grids');
        await grids.upsert({ _id: 'g-1', rows: [[1, 2], [], [{ cells: [[3]] }]] });
        await grids.update('g-1', { $set: { 'meta.shape': [[3, 2]] }, $push: { rows: { $each: [[4]] } } });
        await grids.update('g-1', { $push: { history: [0, [1]] } });
        const expected = { _id: 'g-1', rows: [[1, 2], [], [{ cells: [[3]] }], [4]], meta: { shape: [[3, 2]] }, history: [[0, [1]]] };
        expect(await grids.get('g-1')).toStrictEqual(expected);
        expect(await grids.find({ 'meta.shape': { $eq: [[3, 2]] } })).toStrictEqual([expected]);
        expect(await grids.count({ 'meta.shape': { $in: [[[3, 2]]] } })).toBe(1);
      });
    });

    describe('when a filter goes beyond the port', () => {
      it('refuses operators the port does not list rather than passing them to the server', async () => {
        const residents = await store.collection('guarded');
        await residents.upsert({ _id: 'r-1', name: 'Ada' });
        await expect(residents.find({ name: { $regex: 'A' } } as never)).rejects.toThrow(/\$regex/);
        await expect(residents.find({ $where: 'true' } as never)).rejects.toThrow(/\$where/);
        await expect(residents.find({ $nor: [{ name: 'Ada' }] } as never)).rejects.toThrow(/\$nor/);
        await expect(residents.count({ name: /A/ } as never)).rejects.toThrow(TypeError);
        await expect(residents.find({ 'a..b': 1 })).rejects.toThrow(TypeError);
        await expect(residents.find({}, { sort: { $natural: 1 } as never })).rejects.toThrow(TypeError);
        await expect(residents.update('r-1', { $rename: { name: 'n' } } as never)).rejects.toThrow(/\$rename/);
        await expect(residents.update('r-1', { $push: { tags: { $each: ['a'], $slice: 1 } } })).rejects.toThrow(/\$each/);
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', name: 'Ada' });
      });

      it('ignores conditions whose operands are all undefined instead of reading them as null', async () => {
        const residents = await store.collection('undefined-filter');
        await residents.upsert({ _id: 'r-1', name: 'Ada' });
        expect(await residents.count({ name: undefined, age: { $gt: undefined } })).toBe(1);
      });

      it('refuses an id that is not a string, which would otherwise match any document', async () => {
        const residents = await store.collection('ids');
        await residents.upsert({ _id: 'r-1' });
        await expect(residents.get(undefined as never)).rejects.toThrow(TypeError);
        await expect(residents.delete(undefined as never)).rejects.toThrow(TypeError);
        expect(await residents.count({})).toBe(1);
      });
    });

    describe('when a collection with a unique index is dropped through the store', () => {
      it('comes back with the index on the next write through an old handle', async () => {
        const volunteers = await store.collection('recreated', { indexes: [{ fields: { email: 1 }, unique: true }] });
        await volunteers.upsert({ _id: 'v-1', email: 'a@example.org' });
        await store.dropCollection('recreated');
        await volunteers.upsert({ _id: 'v-2', email: 'a@example.org' });
        await expect(volunteers.upsert({ _id: 'v-3', email: 'a@example.org' })).rejects.toBeInstanceOf(DuplicateKeyError);
      });
    });

    describe('when a collection has several unique indexes', () => {
      it('names the index a clashing upsert or update broke', async () => {
        const listings = await store.collection('two-unique', {
          indexes: [
            { fields: { email: 1 }, unique: true },
            { fields: { stationId: 1, number: 1 }, unique: true },
          ],
        });
        await listings.upsert({ _id: 'l-1', email: 'a@example.org', stationId: 's1', number: 7 });
        await listings.upsert({ _id: 'l-2', email: 'b@example.org', stationId: 's1', number: 8 });
        const byEmail = await listings.upsert({ _id: 'l-3', email: 'a@example.org' }).catch((error: unknown) => error);
        expect((byEmail as DuplicateKeyError).fields).toEqual(['email']);
        const byNumber = await listings.update('l-2', { $inc: { number: -1 } }).catch((error: unknown) => error);
        expect(byNumber).toBeInstanceOf(DuplicateKeyError);
        expect((byNumber as DuplicateKeyError).fields).toEqual(['stationId', 'number']);
        expect(await listings.get('l-2')).toMatchObject({ number: 8 });
      });

      it('lets documents lacking the fields coexist', async () => {
        const volunteers = await store.collection('sparse-unique', { indexes: [{ fields: { stationId: 1, number: 1 }, unique: true }] });
        await volunteers.upsert({ _id: 'v-1' });
        await volunteers.upsert({ _id: 'v-2' });
        await volunteers.upsert({ _id: 'v-3', stationId: 's1' });
        await volunteers.upsert({ _id: 'v-4', stationId: 's1' });
        expect(await volunteers.count({})).toBe(4);
      });
    });

    describe('when built on a connection it does not own', () => {
      it('shares the connection and leaves it open on close', async () => {
        const connection = await createConnection(engine.url, { dbName }).asPromise();
        try {
          const shared = await MongoDocumentStore.open({ connection });
          await (await shared.collection('households')).upsert({ _id: 'h-1', size: 3 });
          await shared.close();
          expect(connection.readyState).toBe(1);
          expect(await connection.db?.collection('households').countDocuments()).toBe(1);
        } finally {
          await connection.close();
        }
      });
    });
  });
});

async function dropDatabaseAndClose(url: string, dbName: string, store: MongoDocumentStore): Promise<void> {
  await store.close();
  const client = await new mongo.MongoClient(url).connect();
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}
