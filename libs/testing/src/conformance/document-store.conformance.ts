import { randomBytes } from 'node:crypto';
import { Collection, Document, DocumentStore, DuplicateKeyError, Filter, IndexSpec } from '@kinship/documents';

/** What an adapter hands the document-store conformance suite. */
export interface DocumentStoreUnderTest {
  store: DocumentStore;
  close(): Promise<void>;
}

/** A resident of the filter fixture; fields vary in presence and type on purpose. */
type Person = Document & Record<string, unknown>;

// Every case below is what MongoDB itself answers (type-bracketed comparisons, `null` matching a
// missing field, a scalar matching inside an array), so a MongoDB adapter runs the suite unchanged.
const PEOPLE: Person[] = [
  {
    _id: 'ada',
    name: 'Ada',
    age: 36,
    active: true,
    verified: true,
    tags: ['math', 'poetry'],
    scores: [3, 9],
    address: { city: 'London', zip: 'N1', geo: { district: 'Islington' } },
    lines: [
      { sku: 'A', qty: 1 },
      { sku: 'B', qty: 2 },
    ],
    nickname: null,
  },
  {
    _id: 'bob',
    name: 'Bob',
    age: 25,
    active: false,
    verified: 1,
    tags: ['chess'],
    scores: [5],
    address: { city: 'Paris', zip: '75001', geo: { district: 'Louvre' } },
    lines: [{ sku: 'C', qty: 5 }],
  },
  {
    _id: 'cleo',
    name: 'Cleo',
    age: 41,
    active: true,
    verified: false,
    tags: [],
    scores: [10, 1],
    address: { city: 'London', zip: 'E2' },
    lines: [],
  },
  { _id: 'dan', name: 'Dan', age: null, active: false, verified: 0, tags: ['math'], address: { city: 'Berlin' } },
  { _id: 'eve', name: 'Eve', active: true, tags: ['poetry', 'chess', 'math'], scores: [7], nickname: 'E' },
  { _id: 'finn', name: 'Finn', age: '30', active: true, address: null, lines: [{ sku: 'A', qty: 3 }] },
];

type FilterCase = [behaviour: string, filter: Filter, expectedIds: string[]];

const FILTER_CASES: Record<string, FilterCase[]> = {
  'equality': [
    ['matches a string field', { name: 'Bob' }, ['bob']],
    ['matches a number field, not the same digits in a string', { age: 36 }, ['ada']],
    ['matches a string field, not the same digits in a number', { age: '30' }, ['finn']],
    ['matches true only, not the number 1', { verified: true }, ['ada']],
    ['matches false only, not the number 0', { verified: false }, ['cleo']],
    ['matches the number 1 only, not true', { verified: 1 }, ['bob']],
    ['matches a dotted path into an embedded document', { 'address.city': 'London' }, ['ada', 'cleo']],
    ['matches a dotted path two levels deep', { 'address.geo.district': 'Louvre' }, ['bob']],
    ['matches a scalar inside an array field (array contains)', { tags: 'math' }, ['ada', 'dan', 'eve']],
    ['matches a number inside an array of numbers', { scores: 9 }, ['ada']],
    ['matches a dotted path through an array of embedded documents', { 'lines.sku': 'A' }, ['ada', 'finn']],
    ['matches an explicit $eq', { name: { $eq: 'Eve' } }, ['eve']],
    ['matches a whole array exactly with $eq', { tags: { $eq: ['chess'] } }, ['bob']],
    ['matches a whole embedded document exactly with $eq', { address: { $eq: { city: 'Berlin' } } }, ['dan']],
    ['matches several fields at once (implicit and)', { active: true, tags: 'poetry' }, ['ada', 'eve']],
    ['matches everything with an empty filter', {}, ['ada', 'bob', 'cleo', 'dan', 'eve', 'finn']],
  ],
  'null and missing fields': [
    ['matches null or missing with { field: null }', { age: null }, ['dan', 'eve']],
    ['matches null or missing on a field most documents lack', { nickname: null }, ['ada', 'bob', 'cleo', 'dan', 'finn']],
    ['matches a dotted path whose parent is missing or null', { 'address.city': null }, ['eve', 'finn']],
    ['matches present, non-null values with $ne null', { age: { $ne: null } }, ['ada', 'bob', 'cleo', 'finn']],
    ['counts a null value as existing with $exists true', { age: { $exists: true } }, ['ada', 'bob', 'cleo', 'dan', 'finn']],
    ['matches only the document lacking the field with $exists false', { age: { $exists: false } }, ['eve']],
    ['checks a dotted path with $exists', { 'address.zip': { $exists: true } }, ['ada', 'bob', 'cleo']],
  ],
  '$ne and $nin': [
    ['$ne includes documents lacking the field', { name: { $ne: 'Bob' } }, ['ada', 'cleo', 'dan', 'eve', 'finn']],
    ['$ne on an array field excludes arrays containing the value', { tags: { $ne: 'math' } }, ['bob', 'cleo', 'finn']],
    ['$nin excludes every listed value and keeps missing fields', { age: { $nin: [25, 36] } }, ['cleo', 'dan', 'eve', 'finn']],
    ['$nin on an array field excludes arrays containing any listed value', { tags: { $nin: ['math', 'poetry'] } }, ['bob', 'cleo', 'finn']],
  ],
  '$in': [
    ['matches any listed string', { name: { $in: ['Ada', 'Eve', 'Zed'] } }, ['ada', 'eve']],
    ['matches any listed number', { age: { $in: [25, 41] } }, ['bob', 'cleo']],
    ['matches arrays containing any listed value', { tags: { $in: ['chess', 'knitting'] } }, ['bob', 'eve']],
    ['matches null or missing when null is listed', { age: { $in: [36, null] } }, ['ada', 'dan', 'eve']],
    ['matches a dotted path, null included', { 'address.city': { $in: ['Paris', null] } }, ['bob', 'eve', 'finn']],
    ['matches nothing with an empty list', { name: { $in: [] } }, []],
  ],
  'comparisons': [
    ['$gt compares numbers only, skipping strings and nulls', { age: { $gt: 30 } }, ['ada', 'cleo']],
    ['$gte includes the bound', { age: { $gte: 36 } }, ['ada', 'cleo']],
    ['$lt excludes the bound', { age: { $lt: 36 } }, ['bob']],
    ['$lte includes the bound', { age: { $lte: 36 } }, ['ada', 'bob']],
    ['combines two bounds on one field', { age: { $gt: 20, $lt: 40 } }, ['ada', 'bob']],
    ['compares strings lexicographically', { name: { $gte: 'B', $lt: 'E' } }, ['bob', 'cleo', 'dan']],
    ['compares strings only against strings', { age: { $gte: '3' } }, ['finn']],
    ['matches an array when one element satisfies the bound', { scores: { $gt: 8 } }, ['ada', 'cleo']],
    ['matches through an array of embedded documents', { 'lines.qty': { $gte: 3 } }, ['bob', 'finn']],
  ],
  '$and and $or': [
    ['$and requires every sub-filter', { $and: [{ active: true }, { 'address.city': 'London' }] }, ['ada', 'cleo']],
    ['$or accepts any sub-filter', { $or: [{ name: 'Bob' }, { age: { $gt: 40 } }] }, ['bob', 'cleo']],
    [
      'nests $or inside $and',
      { $and: [{ $or: [{ tags: 'poetry' }, { tags: 'chess' }] }, { active: true }] },
      ['ada', 'eve'],
    ],
    ['combines $or with a plain field', { active: false, $or: [{ age: 25 }, { age: null }] }, ['bob', 'dan']],
  ],
};

/**
 * The one conformance suite of the document store port (DESIGN §4, §7). Every adapter runs it. Each
 * test works in collections of its own with a random run prefix, and drops them afterwards, so a
 * networked adapter (MongoDB, FerretDB) may run it against a shared database.
 */
export function documentStoreConformance(adapterName: string, open: () => Promise<DocumentStoreUnderTest>): void {
  describe(`${adapterName} document store (conformance)`, () => {
    let underTest: DocumentStoreUnderTest;
    let store: DocumentStore;
    const run = `conf_${randomBytes(4).toString('hex')}`;
    const created = new Set<string>();
    let counter = 0;

    beforeAll(async () => {
      underTest = await open();
      store = underTest.store;
    });

    afterAll(async () => {
      if (!underTest) return;
      for (const name of created) await store.dropCollection(name);
      await underTest.close();
    });

    /** A collection no other test (or earlier run) uses. */
    function freshName(label: string): string {
      const name = `${run}_${++counter}_${label}`;
      created.add(name);
      return name;
    }

    async function fresh<T extends Document = Document>(label: string, indexes?: IndexSpec[]): Promise<Collection<T>> {
      return store.collection<T>(freshName(label), indexes ? { indexes } : undefined);
    }

    const ids = (docs: readonly Document[]) => docs.map((doc) => doc._id);
    const sortedIds = (docs: readonly Document[]) => ids(docs).sort();

    async function rejection(promise: Promise<unknown>): Promise<unknown> {
      return promise.then(
        () => {
          throw new Error('expected the operation to be rejected');
        },
        (error: unknown) => error,
      );
    }

    describe('when a document is stored', () => {
      it('returns it by id exactly as written: nested objects, arrays, numbers, booleans and null', async () => {
        const residents = await fresh('roundtrip');
        const doc = {
          _id: 'r-1',
          name: 'Lin Wei 林伟',
          integer: 42,
          negative: -7,
          fraction: 0.1,
          large: 2 ** 40,
          zero: 0,
          yes: true,
          no: false,
          nothing: null,
          empty: '',
          list: [1, 'two', null, false, { three: [3] }, []],
          nested: { deeper: { deepest: { value: 'x', flags: [true, false] } }, emptyObject: {} },
        };
        await residents.upsert(doc);
        expect(await residents.get('r-1')).toStrictEqual(doc);
      });

      it('returns null for an id never stored', async () => {
        const residents = await fresh('missing');
        expect(await residents.get('nobody')).toBeNull();
      });

      it('replaces the whole document on a second upsert of the same id', async () => {
        const residents = await fresh('replace');
        await residents.upsert({ _id: 'r-1', name: 'Old', phone: '123' });
        await residents.upsert({ _id: 'r-1', name: 'New' });
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', name: 'New' });
        expect(await residents.count({})).toBe(1);
      });

      it('keeps collections apart', async () => {
        const a = await fresh('apart_a');
        const b = await fresh('apart_b');
        await a.upsert({ _id: 'same', in: 'a' });
        expect(await b.get('same')).toBeNull();
        expect(await b.find({})).toEqual([]);
      });

      it('keeps the documents when the collection is opened again', async () => {
        const name = freshName('reopen');
        const first = await store.collection(name, { indexes: [{ fields: { station: 1 } }] });
        await first.upsert({ _id: 'r-1', station: 's1' });
        const again = await store.collection(name, { indexes: [{ fields: { station: 1 } }] });
        expect(await again.get('r-1')).toStrictEqual({ _id: 'r-1', station: 's1' });
      });
    });

    describe('when a document is updated', () => {
      let residents: Collection;
      beforeEach(async () => {
        residents = await fresh('update');
      });

      it('sets a dotted path, creating the embedded documents on the way', async () => {
        await residents.upsert({ _id: 'r-1', name: 'Ada' });
        expect(await residents.update('r-1', { $set: { 'address.city': 'Oslo', 'address.geo.lat': 59.9 } })).toBe(true);
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', name: 'Ada', address: { city: 'Oslo', geo: { lat: 59.9 } } });
      });

      it('sets one field of an embedded document and keeps its siblings', async () => {
        await residents.upsert({ _id: 'r-1', address: { city: 'Oslo', zip: '0150' } });
        await residents.update('r-1', { $set: { 'address.zip': '0151' } });
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', address: { city: 'Oslo', zip: '0151' } });
      });

      it('replaces a field with a whole value given to $set, arrays and objects included', async () => {
        await residents.upsert({ _id: 'r-1', tags: ['a'], address: { city: 'Oslo' } });
        await residents.update('r-1', { $set: { tags: ['b', 'c'], address: { town: 'Bergen' } } });
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', tags: ['b', 'c'], address: { town: 'Bergen' } });
      });

      it('increments numbers with $inc, counting a missing field as 0', async () => {
        await residents.upsert({ _id: 'r-1', visits: 3, balance: 10 });
        await residents.update('r-1', { $inc: { visits: 2, balance: -2.5, 'stats.hours': 1.5 } });
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', visits: 5, balance: 7.5, stats: { hours: 1.5 } });
      });

      it('refuses to $inc a field holding a string', async () => {
        await residents.upsert({ _id: 'r-1', visits: 'three' });
        await rejection(residents.update('r-1', { $inc: { visits: 1 } }));
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', visits: 'three' });
      });

      it('appends with $push, creating the array when missing', async () => {
        await residents.upsert({ _id: 'r-1', tags: ['a', 'b'] });
        await residents.update('r-1', { $push: { tags: 'c', 'history.moves': { to: 's2' } } });
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', tags: ['a', 'b', 'c'], history: { moves: [{ to: 's2' }] } });
      });

      it('appends several values with $push and $each', async () => {
        await residents.upsert({ _id: 'r-1', tags: ['a'] });
        await residents.update('r-1', { $push: { tags: { $each: ['b', 'c'] } } });
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', tags: ['a', 'b', 'c'] });
      });

      it('removes fields with $unset, dotted paths included, and ignores missing ones', async () => {
        await residents.upsert({ _id: 'r-1', name: 'Ada', phone: '123', address: { city: 'Oslo', zip: '0150' } });
        await residents.update('r-1', { $unset: { phone: true, 'address.zip': true, 'never.there': true } });
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', name: 'Ada', address: { city: 'Oslo' } });
      });

      it('applies $set, $inc, $push and $unset together', async () => {
        await residents.upsert({ _id: 'r-1', name: 'Ada', visits: 1, tags: [], phone: '1' });
        await residents.update('r-1', { $set: { name: 'Ada L.' }, $inc: { visits: 1 }, $push: { tags: 'x' }, $unset: { phone: true } });
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', name: 'Ada L.', visits: 2, tags: ['x'] });
      });

      it('makes the updated values visible to filters', async () => {
        await residents.upsert({ _id: 'r-1', status: 'active' });
        await residents.update('r-1', { $set: { status: 'moved-out' }, $push: { tags: 'archived' } });
        expect(ids(await residents.find({ status: 'moved-out', tags: 'archived' }))).toEqual(['r-1']);
        expect(await residents.count({ status: 'active' })).toBe(0);
      });

      it('refuses two operations on the same path', async () => {
        await residents.upsert({ _id: 'r-1', visits: 1 });
        await rejection(residents.update('r-1', { $set: { visits: 5 }, $inc: { visits: 1 } }));
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1', visits: 1 });
      });

      it('refuses to change the _id', async () => {
        await residents.upsert({ _id: 'r-1' });
        await rejection(residents.update('r-1', { $set: { _id: 'r-2' } }));
        expect(await residents.get('r-1')).toStrictEqual({ _id: 'r-1' });
        expect(await residents.get('r-2')).toBeNull();
      });

      it('returns false and creates nothing for a missing document without upsert', async () => {
        expect(await residents.update('nobody', { $set: { name: 'x' } })).toBe(false);
        expect(await residents.update('nobody', { $set: { name: 'x' } }, { upsert: false })).toBe(false);
        expect(await residents.get('nobody')).toBeNull();
        expect(await residents.count({})).toBe(0);
      });

      it('creates { _id } and applies the update with upsert, reporting that nothing matched', async () => {
        expect(
          await residents.update('r-9', { $set: { 'address.city': 'Oslo' }, $inc: { visits: 1 }, $push: { tags: 'new' } }, { upsert: true }),
        ).toBe(false);
        expect(await residents.get('r-9')).toStrictEqual({ _id: 'r-9', address: { city: 'Oslo' }, visits: 1, tags: ['new'] });
        expect(await residents.update('r-9', { $inc: { visits: 1 } }, { upsert: true })).toBe(true);
        expect((await residents.get('r-9'))?.visits).toBe(2);
      });
    });

    describe('when a document is deleted', () => {
      it('is gone, and only the first delete reports it', async () => {
        const residents = await fresh('delete');
        await residents.upsert({ _id: 'r-1' });
        await residents.upsert({ _id: 'r-2' });
        expect(await residents.delete('r-1')).toBe(true);
        expect(await residents.get('r-1')).toBeNull();
        expect(await residents.delete('r-1')).toBe(false);
        expect(ids(await residents.find({}))).toEqual(['r-2']);
      });
    });

    describe('when filtering', () => {
      let people: Collection<Person>;
      beforeAll(async () => {
        people = await fresh<Person>('people', [{ fields: { name: 1 } }, { fields: { age: 1 } }, { fields: { 'address.city': 1 } }]);
        for (const person of PEOPLE) await people.upsert(person);
      });

      for (const [group, cases] of Object.entries(FILTER_CASES)) {
        describe(group, () => {
          it.each(cases)('%s', async (_behaviour, filter, expected) => {
            expect(sortedIds(await people.find(filter))).toEqual([...expected].sort());
            expect(await people.count(filter)).toBe(expected.length);
          });
        });
      }

      it('returns the matching documents whole', async () => {
        expect(await people.find({ name: 'Dan' })).toStrictEqual([PEOPLE[3]]);
      });
    });

    describe('when sorting and paging', () => {
      let shifts: Collection;
      const SHIFTS = [
        { _id: 's01', station: 'S2', rank: 4, slot: { day: 2 } },
        { _id: 's02', station: 'S1', rank: 9, slot: { day: 5 } },
        { _id: 's03', station: 'S1', rank: 2, slot: { day: 1 } },
        { _id: 's04', station: 'S3', rank: 7, slot: { day: 3 } },
        { _id: 's05', station: 'S2', rank: 1, slot: { day: 9 } },
        { _id: 's06', station: 'S1', rank: 5, slot: { day: 4 } },
        { _id: 's07', station: 'S3', rank: 10, slot: { day: 7 } },
        { _id: 's08', station: 'S2', rank: 8, slot: { day: 8 } },
        { _id: 's09', station: 'S1', rank: 3, slot: { day: 6 } },
        { _id: 's10', station: 'S3', rank: 6, slot: { day: 10 } },
      ];
      const byRank = [...SHIFTS].sort((a, b) => a.rank - b.rank).map((shift) => shift._id);

      beforeAll(async () => {
        shifts = await fresh('shifts', [{ fields: { station: 1, rank: -1 } }, { fields: { rank: 1 } }]);
        for (const shift of SHIFTS) await shifts.upsert(shift);
      });

      it('sorts ascending and descending', async () => {
        expect(ids(await shifts.find({}, { sort: { rank: 1 } }))).toEqual(byRank);
        expect(ids(await shifts.find({}, { sort: { rank: -1 } }))).toEqual([...byRank].reverse());
      });

      it('sorts on several keys in order, each in its own direction', async () => {
        expect(ids(await shifts.find({}, { sort: { station: 1, rank: -1 } }))).toEqual(
          ['s02', 's06', 's09', 's03', 's08', 's01', 's05', 's07', 's04', 's10'],
        );
        expect(ids(await shifts.find({}, { sort: { station: -1, rank: 1 } }))).toEqual(
          ['s10', 's04', 's07', 's05', 's01', 's08', 's03', 's09', 's06', 's02'],
        );
      });

      it('sorts on a dotted path', async () => {
        expect(ids(await shifts.find({ station: 'S3' }, { sort: { 'slot.day': -1 } }))).toEqual(['s10', 's07', 's04']);
      });

      it('sorts the filtered documents only', async () => {
        expect(ids(await shifts.find({ rank: { $gte: 5 } }, { sort: { rank: 1 } }))).toEqual(['s06', 's10', 's04', 's08', 's02', 's07']);
      });

      it('pages with skip and limit', async () => {
        expect(ids(await shifts.find({}, { sort: { rank: 1 }, skip: 3, limit: 4 }))).toEqual(byRank.slice(3, 7));
        expect(ids(await shifts.find({}, { sort: { rank: 1 }, limit: 2 }))).toEqual(byRank.slice(0, 2));
        expect(ids(await shifts.find({}, { sort: { rank: 1 }, skip: 8 }))).toEqual(byRank.slice(8));
        expect(ids(await shifts.find({}, { sort: { rank: 1 }, skip: 8, limit: 5 }))).toEqual(byRank.slice(8));
        expect(await shifts.find({}, { sort: { rank: 1 }, skip: 20 })).toEqual([]);
      });

      it('reads a limit of 0 as no limit, as MongoDB does', async () => {
        expect(ids(await shifts.find({}, { sort: { rank: 1 }, limit: 0 }))).toEqual(byRank);
      });

      it('places a document lacking the sort field first ascending and last descending', async () => {
        const sparse = await fresh('sparse_sort');
        await sparse.upsert({ _id: 'b', rank: 2 });
        await sparse.upsert({ _id: 'none' });
        await sparse.upsert({ _id: 'a', rank: 1 });
        expect(ids(await sparse.find({}, { sort: { rank: 1 } }))).toEqual(['none', 'a', 'b']);
        expect(ids(await sparse.find({}, { sort: { rank: -1 } }))).toEqual(['b', 'a', 'none']);
      });

      it('counts with and without a filter', async () => {
        expect(await shifts.count({})).toBe(10);
        expect(await shifts.count({ station: 'S1' })).toBe(4);
        expect(await shifts.count({ station: 'S9' })).toBe(0);
      });
    });

    describe('when a unique index is declared', () => {
      const byEmail: IndexSpec = { fields: { email: 1 }, unique: true };
      const byStationNumber: IndexSpec = { fields: { stationId: 1, number: 1 }, unique: true };

      it('rejects a second document with the same value with DuplicateKeyError and keeps the first', async () => {
        const name = freshName('unique');
        const volunteers = await store.collection(name, { indexes: [byEmail] });
        await volunteers.upsert({ _id: 'v-1', email: 'lin@example.org' });
        const error = await rejection(volunteers.upsert({ _id: 'v-2', email: 'lin@example.org' }));
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect((error as DuplicateKeyError).name).toBe('DuplicateKeyError');
        expect((error as DuplicateKeyError).collection).toBe(name);
        expect((error as DuplicateKeyError).fields).toEqual(['email']);
        expect(await volunteers.get('v-2')).toBeNull();
        expect(await volunteers.get('v-1')).toStrictEqual({ _id: 'v-1', email: 'lin@example.org' });
      });

      it('lets a document be replaced with its own value', async () => {
        const volunteers = await fresh('unique_self', [byEmail]);
        await volunteers.upsert({ _id: 'v-1', email: 'lin@example.org', name: 'Lin' });
        await volunteers.upsert({ _id: 'v-1', email: 'lin@example.org', name: 'Lin W.' });
        expect((await volunteers.get('v-1'))?.name).toBe('Lin W.');
      });

      it('rejects an update that would duplicate a value and leaves the document as it was', async () => {
        const volunteers = await fresh('unique_update', [byEmail]);
        await volunteers.upsert({ _id: 'v-1', email: 'a@example.org' });
        await volunteers.upsert({ _id: 'v-2', email: 'b@example.org' });
        expect(await rejection(volunteers.update('v-2', { $set: { email: 'a@example.org' } }))).toBeInstanceOf(DuplicateKeyError);
        expect(await rejection(volunteers.update('v-3', { $set: { email: 'a@example.org' } }, { upsert: true }))).toBeInstanceOf(
          DuplicateKeyError,
        );
        expect(await volunteers.get('v-2')).toStrictEqual({ _id: 'v-2', email: 'b@example.org' });
        expect(await volunteers.get('v-3')).toBeNull();
      });

      it('treats a compound unique index as unique on the combination only', async () => {
        const listings = await fresh('unique_compound', [byStationNumber]);
        await listings.upsert({ _id: 'l-1', stationId: 's1', number: 7 });
        await listings.upsert({ _id: 'l-2', stationId: 's2', number: 7 });
        await listings.upsert({ _id: 'l-3', stationId: 's1', number: 8 });
        const error = await rejection(listings.upsert({ _id: 'l-4', stationId: 's1', number: 7 }));
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect((error as DuplicateKeyError).fields).toEqual(['stationId', 'number']);
        expect(await listings.count({})).toBe(3);
      });

      it('refuses to declare it over documents that already clash', async () => {
        const name = freshName('unique_late');
        const volunteers = await store.collection(name);
        await volunteers.upsert({ _id: 'v-1', email: 'same@example.org' });
        await volunteers.upsert({ _id: 'v-2', email: 'same@example.org' });
        expect(await rejection(store.collection(name, { indexes: [byEmail] }))).toBeInstanceOf(DuplicateKeyError);
      });

      it('allows equal values under an index that is not unique', async () => {
        const residents = await fresh('not_unique', [{ fields: { stationId: 1 } }]);
        await residents.upsert({ _id: 'r-1', stationId: 's1' });
        await residents.upsert({ _id: 'r-2', stationId: 's1' });
        expect(sortedIds(await residents.find({ stationId: 's1' }))).toEqual(['r-1', 'r-2']);
      });
    });

    describe('when a collection is cleared', () => {
      it('holds no documents but stays listed and usable', async () => {
        const name = freshName('clear');
        const residents = await store.collection(name, { indexes: [{ fields: { email: 1 }, unique: true }] });
        await residents.upsert({ _id: 'r-1', email: 'a@example.org', tags: ['x'] });
        await residents.upsert({ _id: 'r-2', email: 'b@example.org' });
        await residents.clear();
        expect(await residents.count({})).toBe(0);
        expect(await residents.get('r-1')).toBeNull();
        expect(await store.listCollections()).toContain(name);
        await residents.upsert({ _id: 'r-3', email: 'a@example.org', tags: 'y' });
        expect(ids(await residents.find({ tags: 'y' }))).toEqual(['r-3']);
        expect(await rejection(residents.upsert({ _id: 'r-4', email: 'a@example.org' }))).toBeInstanceOf(DuplicateKeyError);
      });
    });

    describe('when collections are listed and dropped', () => {
      it('lists a collection once it holds a document, and no longer after it is dropped', async () => {
        const name = freshName('listed');
        const other = freshName('listed_other');
        await (await store.collection(name)).upsert({ _id: 'x' });
        await (await store.collection(other)).upsert({ _id: 'y' });
        expect(await store.listCollections()).toEqual(expect.arrayContaining([name, other]));

        await store.dropCollection(name);
        const listed = await store.listCollections();
        expect(listed).not.toContain(name);
        expect(listed).toContain(other);
      });

      it('finds nothing through a handle whose collection was dropped, and starts afresh on the next write', async () => {
        const name = freshName('dropped');
        const residents = await store.collection(name);
        await residents.upsert({ _id: 'r-1', status: 'active' });
        await store.dropCollection(name);
        expect(await residents.get('r-1')).toBeNull();
        expect(await residents.find({ status: 'active' })).toEqual([]);
        expect(await residents.count({})).toBe(0);

        await residents.upsert({ _id: 'r-2', status: 'active' });
        expect(ids(await residents.find({ status: 'active' }))).toEqual(['r-2']);
        expect(await store.listCollections()).toContain(name);
      });

      it('drops a collection that never existed without complaint', async () => {
        await expect(store.dropCollection(freshName('never'))).resolves.toBeUndefined();
      });
    });
  });
}
