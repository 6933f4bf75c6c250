import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineEvent, EventEnvelope, NewEvent, Upcaster, Upcasters } from '@kinship/contracts';
import { CheckpointStore, DuplicateEventIdError, EventStore, WrongExpectedVersionError } from '@kinship/eventsourcing';

/** What an adapter hands the event-store conformance suite. */
export interface EventStoreUnderTest {
  store: EventStore;
  checkpoints: CheckpointStore;
  close(): Promise<void>;
}

/** The suite's own contract: `conformance.parcel-weighed` v2 keeps grams; v1 kept kilograms. */
const ParcelWeighed = defineEvent('conformance.parcel-weighed', 2, z.object({ parcel: z.string(), grams: z.number() }));
const parcelWeighedV1ToV2: Upcaster = {
  type: ParcelWeighed.type,
  fromVersion: 1,
  upcast(data) {
    const { kilograms, ...rest } = data as { kilograms: number } & Record<string, unknown>;
    return { ...rest, grams: kilograms * 1000 };
  },
};

/** The upcasters the adapter must read with: the suite checks that old versions come back lifted. */
export const eventStoreConformanceUpcasters = new Upcasters([ParcelWeighed], [parcelWeighedV1ToV2]);

/**
 * The one conformance suite of the event store port (DESIGN §2, §7). Every adapter runs it; it uses
 * fresh stream ids and categories per test, so a network adapter may reuse one store that already holds
 * data; nothing else may write to it while the suite runs (head positions are compared exactly).
 */
export function eventStoreConformance(
  adapterName: string,
  open: (options: { upcasters: Upcasters }) => Promise<EventStoreUnderTest>,
): void {
  describe(`${adapterName} event store (conformance)`, () => {
    let store: EventStore;
    let checkpoints: CheckpointStore;
    let underTest: EventStoreUnderTest;

    beforeAll(async () => {
      underTest = await open({ upcasters: eventStoreConformanceUpcasters });
      store = underTest.store;
      checkpoints = underTest.checkpoints;
    });

    afterAll(async () => {
      await underTest?.close();
    });

    /** A category of its own (letters and digits only: the category ends at the first '-'). */
    const freshCategory = () => `conf${randomBytes(6).toString('hex')}`;
    const freshStream = (category = freshCategory()) => `${category}-station1-${randomBytes(6).toString('hex')}`;
    const newEvent = (data: Record<string, unknown> = {}, overrides: Partial<NewEvent> = {}): NewEvent => ({
      id: randomUUID(),
      type: 'conformance.thing-happened',
      schemaVersion: 1,
      tenantId: 'station1',
      occurredAt: '2025-03-01T08:00:00.000Z',
      data,
      metadata: {
        correlationId: randomUUID(),
        causationId: null,
        actor: { userId: 'user-1', role: 'station-staff' },
        source: 'conformance',
      },
      ...overrides,
    });
    const ids = (events: readonly EventEnvelope[]) => events.map((event) => event.id);

    async function expectConflict(promise: Promise<unknown>, streamId: string, actual: number | 'no-stream') {
      const error = await promise.then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((error as WrongExpectedVersionError).name).toBe('WrongExpectedVersionError');
      expect((error as WrongExpectedVersionError).streamId).toBe(streamId);
      expect((error as WrongExpectedVersionError).actual).toBe(actual);
    }

    /** Reads every event of `category` after `from`, a page at a time. */
    async function readCategory(category: string, from: number, pageSize = 100): Promise<EventEnvelope[]> {
      const all: EventEnvelope[] = [];
      let position = from;
      for (;;) {
        const page = await store.readAll({ fromPosition: position, categories: [category], limit: pageSize });
        all.push(...page);
        if (page.length < pageSize) return all;
        position = page[page.length - 1].position;
      }
    }

    describe('when appending to a new stream', () => {
      it('gives the first event version 0 and returns its global position', async () => {
        const streamId = freshStream();
        const event = newEvent({ n: 1 });
        const result = await store.append(streamId, [event], { expectedVersion: 'no-stream' });
        expect(result.nextExpectedVersion).toBe(0);
        expect(result.lastPosition).toBeGreaterThan(0);
        const [read] = await store.readStream(streamId);
        expect(read).toEqual({ ...event, streamId, streamVersion: 0, position: result.lastPosition });
      });

      it('numbers a batch of events consecutively and returns the last one', async () => {
        const streamId = freshStream();
        const result = await store.append(streamId, [newEvent({ n: 1 }), newEvent({ n: 2 }), newEvent({ n: 3 })], {
          expectedVersion: 'no-stream',
        });
        expect(result.nextExpectedVersion).toBe(2);
        const read = await store.readStream(streamId);
        expect(read.map((event) => event.streamVersion)).toEqual([0, 1, 2]);
        expect(read.map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
        expect(read[2].position).toBe(result.lastPosition);
        expect(read[0].position).toBeLessThan(read[1].position);
        expect(read[1].position).toBeLessThan(read[2].position);
      });

      it("accepts 'any'", async () => {
        const streamId = freshStream();
        const result = await store.append(streamId, [newEvent()], { expectedVersion: 'any' });
        expect(result.nextExpectedVersion).toBe(0);
      });

      it('rejects an expected version number, as the stream does not exist', async () => {
        const streamId = freshStream();
        await expectConflict(store.append(streamId, [newEvent()], { expectedVersion: 0 }), streamId, 'no-stream');
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('rejects an empty batch', async () => {
        await expect(store.append(freshStream(), [], { expectedVersion: 'any' })).rejects.toBeInstanceOf(RangeError);
      });
    });

    describe('when appending to an existing stream', () => {
      it('accepts the current version and continues the numbering', async () => {
        const streamId = freshStream();
        await store.append(streamId, [newEvent(), newEvent()], { expectedVersion: 'no-stream' });
        const result = await store.append(streamId, [newEvent()], { expectedVersion: 1 });
        expect(result.nextExpectedVersion).toBe(2);
      });

      it('rejects a stale version with the typed error and writes nothing', async () => {
        const streamId = freshStream();
        await store.append(streamId, [newEvent(), newEvent()], { expectedVersion: 'no-stream' });
        await expectConflict(store.append(streamId, [newEvent()], { expectedVersion: 0 }), streamId, 1);
        await expectConflict(store.append(streamId, [newEvent()], { expectedVersion: 5 }), streamId, 1);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it("rejects 'no-stream'", async () => {
        const streamId = freshStream();
        await store.append(streamId, [newEvent()], { expectedVersion: 'no-stream' });
        await expectConflict(store.append(streamId, [newEvent()], { expectedVersion: 'no-stream' }), streamId, 0);
      });

      it("accepts 'any' whatever the version", async () => {
        const streamId = freshStream();
        await store.append(streamId, [newEvent(), newEvent()], { expectedVersion: 'no-stream' });
        const result = await store.append(streamId, [newEvent()], { expectedVersion: 'any' });
        expect(result.nextExpectedVersion).toBe(2);
      });
    });

    describe('when the same append is made again', () => {
      it('returns the original result and writes nothing', async () => {
        const streamId = freshStream();
        const batch = [newEvent({ n: 1 }), newEvent({ n: 2 })];
        const original = await store.append(streamId, batch, { expectedVersion: 'no-stream' });
        const head = await store.headPosition();

        const repeated = await store.append(streamId, batch, { expectedVersion: 'no-stream' });

        expect(repeated).toEqual(original);
        expect(await store.readStream(streamId)).toHaveLength(2);
        expect(await store.headPosition()).toBe(head);
      });

      it('returns the original result even after the stream has moved on', async () => {
        const streamId = freshStream();
        await store.append(streamId, [newEvent()], { expectedVersion: 'no-stream' });
        const batch = [newEvent({ n: 1 })];
        const original = await store.append(streamId, batch, { expectedVersion: 0 });
        await store.append(streamId, [newEvent(), newEvent()], { expectedVersion: 1 });
        const head = await store.headPosition();

        expect(await store.append(streamId, batch, { expectedVersion: 0 })).toEqual(original);
        expect(await store.append(streamId, batch, { expectedVersion: 'any' })).toEqual(original);
        expect(await store.readStream(streamId)).toHaveLength(4);
        expect(await store.headPosition()).toBe(head);
      });

      it('treats a batch that only partly matches what was appended as a conflict', async () => {
        const streamId = freshStream();
        const [first, second] = [newEvent(), newEvent()];
        await store.append(streamId, [first, second], { expectedVersion: 'no-stream' });

        await expectConflict(store.append(streamId, [first, second, newEvent()], { expectedVersion: 'no-stream' }), streamId, 1);
        await expectConflict(store.append(streamId, [first, newEvent()], { expectedVersion: 'no-stream' }), streamId, 1);
        expect(ids(await store.readStream(streamId))).toEqual([first.id, second.id]);
      });

      it('treats different ids at a version already taken as a conflict', async () => {
        const streamId = freshStream();
        await store.append(streamId, [newEvent()], { expectedVersion: 'no-stream' });
        await expectConflict(store.append(streamId, [newEvent()], { expectedVersion: 'no-stream' }), streamId, 0);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('refuses an event id that is already stored in another stream', async () => {
        const event = newEvent();
        const elsewhere = freshStream();
        await store.append(freshStream(), [event], { expectedVersion: 'no-stream' });
        const error = await store.append(elsewhere, [event], { expectedVersion: 'no-stream' }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect((error as Error).name).toBe('DuplicateEventIdError');
        expect(await store.readStream(elsewhere)).toEqual([]);
      });
    });

    describe('when reading a stream', () => {
      it('returns nothing for a stream that does not exist', async () => {
        expect(await store.readStream(freshStream())).toEqual([]);
      });

      it('starts at the version asked for', async () => {
        const streamId = freshStream();
        await store.append(streamId, [newEvent({ n: 0 }), newEvent({ n: 1 }), newEvent({ n: 2 }), newEvent({ n: 3 })], {
          expectedVersion: 'no-stream',
        });
        const read = await store.readStream(streamId, { fromVersion: 2 });
        expect(read.map((event) => [event.streamVersion, event.data])).toEqual([
          [2, { n: 2 }],
          [3, { n: 3 }],
        ]);
        expect(await store.readStream(streamId, { fromVersion: 4 })).toEqual([]);
      });

      it('keeps every field of the envelope', async () => {
        const streamId = freshStream();
        const event = newEvent(
          { nested: { list: [1, 'two', null], flag: true }, text: '新市民 "quoted"' },
          {
            tenantId: 'station-7',
            occurredAt: '2025-12-31T23:59:59.999Z',
            metadata: {
              correlationId: 'corr-1',
              causationId: 'cause-1',
              actor: { userId: 'system', role: 'system' },
              source: 'process-manager',
            },
          },
        );
        await store.append(streamId, [event], { expectedVersion: 'no-stream' });
        const [read] = await store.readStream(streamId);
        expect(read).toEqual({ ...event, streamId, streamVersion: 0, position: expect.any(Number) });
      });
    });

    describe('when reading all events', () => {
      it('returns events of different streams in the order they were appended', async () => {
        const category = freshCategory();
        const [a, b] = [freshStream(category), freshStream(category)];
        const from = await store.headPosition();
        const appended: string[] = [];
        for (const streamId of [a, b, a, b, b, a]) {
          const event = newEvent();
          await store.append(streamId, [event], { expectedVersion: 'any' });
          appended.push(event.id);
        }
        const read = await store.readAll({ fromPosition: from, categories: [category], limit: 100 });
        expect(ids(read)).toEqual(appended);
        expect(read.map((event) => event.streamId)).toEqual([a, b, a, b, b, a]);
        for (let i = 1; i < read.length; i += 1) expect(read[i].position).toBeGreaterThan(read[i - 1].position);
      });

      it('starts after the position given, filters by category and stops at the limit', async () => {
        const [wanted, other, alsoWanted] = [freshCategory(), freshCategory(), freshCategory()];
        const from = await store.headPosition();
        const results = [];
        for (const category of [wanted, other, alsoWanted, wanted, other, wanted]) {
          results.push(await store.append(freshStream(category), [newEvent({ category })], { expectedVersion: 'no-stream' }));
        }

        const wantedOnly = await store.readAll({ fromPosition: from, categories: [wanted], limit: 100 });
        expect(wantedOnly.map((event) => event.position)).toEqual([results[0], results[3], results[5]].map((r) => r.lastPosition));

        const both = await store.readAll({ fromPosition: from, categories: [wanted, alsoWanted], limit: 100 });
        expect(both.map((event) => event.data)).toEqual([wanted, alsoWanted, wanted, wanted].map((category) => ({ category })));

        const afterFirst = await store.readAll({ fromPosition: results[0].lastPosition, categories: [wanted], limit: 1 });
        expect(afterFirst.map((event) => event.position)).toEqual([results[3].lastPosition]);

        const unfiltered = await store.readAll({ fromPosition: from, limit: 2 });
        expect(unfiltered.map((event) => event.position)).toEqual([results[0].lastPosition, results[1].lastPosition]);
      });

      it('returns nothing after the head position', async () => {
        const result = await store.append(freshStream(), [newEvent()], { expectedVersion: 'no-stream' });
        const head = await store.headPosition();
        expect(head).toBeGreaterThanOrEqual(result.lastPosition);
        expect(await store.readAll({ fromPosition: head, limit: 10 })).toEqual([]);
      });

      it('reads from the start with position 0', async () => {
        const category = freshCategory();
        const result = await store.append(freshStream(category), [newEvent()], { expectedVersion: 'no-stream' });
        const read = await store.readAll({ fromPosition: 0, categories: [category], limit: 10 });
        expect(read.map((event) => event.position)).toEqual([result.lastPosition]);
      });
    });

    describe('when reading the head position', () => {
      it('moves to the last position of each append', async () => {
        const first = await store.append(freshStream(), [newEvent()], { expectedVersion: 'no-stream' });
        expect(await store.headPosition()).toBe(first.lastPosition);
        const second = await store.append(freshStream(), [newEvent(), newEvent()], { expectedVersion: 'no-stream' });
        expect(second.lastPosition).toBeGreaterThan(first.lastPosition);
        expect(await store.headPosition()).toBe(second.lastPosition);
      });
    });

    describe('when an event was written at an older schema version', () => {
      it('reads it upcast to the current version, in the stream and in the log', async () => {
        const category = freshCategory();
        const streamId = freshStream(category);
        const old = newEvent({ parcel: 'p-1', kilograms: 2.5 }, { type: ParcelWeighed.type, schemaVersion: 1 });
        const current = newEvent({ parcel: 'p-2', grams: 700 }, { type: ParcelWeighed.type, schemaVersion: 2 });
        await store.append(streamId, [old, current], { expectedVersion: 'no-stream' });

        const fromStream = await store.readStream(streamId);
        expect(fromStream.map((event) => [event.schemaVersion, event.data])).toEqual([
          [2, { parcel: 'p-1', grams: 2500 }],
          [2, { parcel: 'p-2', grams: 700 }],
        ]);
        const fromLog = await store.readAll({ fromPosition: 0, categories: [category], limit: 10 });
        expect(fromLog.map((event) => event.data)).toEqual(fromStream.map((event) => event.data));
        expect(ParcelWeighed.schema.parse(fromLog[0].data)).toEqual({ parcel: 'p-1', grams: 2500 });
      });
    });

    describe('when checkpoints are stored', () => {
      it('loads 0 for a checkpoint never stored', async () => {
        expect(await checkpoints.load(`conformance-${randomUUID()}`)).toBe(0);
      });

      it('loads the last position stored and lists it with when it was stored', async () => {
        const name = `conformance-${randomUUID()}`;
        const other = `conformance-${randomUUID()}`;
        const before = Date.now();
        await checkpoints.store(name, 7);
        await checkpoints.store(name, 42);
        await checkpoints.store(other, 3);
        expect(await checkpoints.load(name)).toBe(42);
        expect(await checkpoints.load(other)).toBe(3);

        const listed = await checkpoints.list();
        const mine = listed.find((checkpoint) => checkpoint.name === name);
        expect(mine?.position).toBe(42);
        expect(Date.parse(mine?.updatedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
        expect(listed.find((checkpoint) => checkpoint.name === other)?.position).toBe(3);
      });
    });

    describe('when appends race', () => {
      it('lets exactly one of several appends with the same expected version win', async () => {
        const streamId = freshStream();
        await store.append(streamId, [newEvent()], { expectedVersion: 'no-stream' });
        const attempts = await Promise.allSettled(
          Array.from({ length: 8 }, (_, n) => store.append(streamId, [newEvent({ n })], { expectedVersion: 0 })),
        );
        const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
        const lost = attempts.filter((attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const attempt of lost) expect(attempt.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('lets a reader following the log see every event of many streams exactly once, in order', async () => {
        const category = freshCategory();
        const from = await store.headPosition();
        const streams = Array.from({ length: 40 }, () => freshStream(category));
        const appended = new Set<string>();
        let writing = true;

        const seen: EventEnvelope[] = [];
        const follow = (async () => {
          let position = from;
          for (;;) {
            const stillWriting = writing;
            const page = await store.readAll({ fromPosition: position, categories: [category], limit: 7 });
            seen.push(...page);
            if (page.length > 0) position = page[page.length - 1].position;
            else if (!stillWriting) return;
            else await new Promise((resolve) => setTimeout(resolve, 1));
          }
        })();

        await Promise.all(
          streams.map(async (streamId) => {
            for (let version = 0; version < 4; version += 1) {
              const event = newEvent({ version });
              await store.append(streamId, [event], { expectedVersion: version === 0 ? 'no-stream' : version - 1 });
              appended.add(event.id);
            }
          }),
        );
        writing = false;
        await follow;

        expect(seen).toHaveLength(appended.size);
        expect(new Set(ids(seen))).toEqual(appended);
        for (let i = 1; i < seen.length; i += 1) expect(seen[i].position).toBeGreaterThan(seen[i - 1].position);
        expect(ids(await readCategory(category, from, 13))).toEqual(ids(seen));
      });
    });
  });
}
