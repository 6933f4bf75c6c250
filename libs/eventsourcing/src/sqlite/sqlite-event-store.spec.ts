import { existsSync, fstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { NewEvent, registryStreams, registryUpcasters, ResidentRegistered } from '@kinship/contracts';
// The conformance suite lives in libs/testing so that every adapter, in any lib, runs the same one.
import { eventStoreConformance } from '@kinship/testing';
import { SqliteEventStore } from './sqlite-event-store';

const directory = mkdtempSync(join(tmpdir(), 'kinship-sqlite-event-store-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

eventStoreConformance('SQLite', async ({ upcasters }) => {
  const store = new SqliteEventStore({ filename: join(directory, 'conformance.db'), upcasters });
  return { store, checkpoints: store.checkpoints, close: () => store.close() };
});

const newEvent = (data: unknown): NewEvent => ({
  id: randomUUID(),
  type: 'test.noted',
  schemaVersion: 1,
  tenantId: 'station1',
  occurredAt: '2025-04-01T09:30:00.000Z',
  data,
  metadata: { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'station-staff' }, source: 'test' },
});

describe('SqliteEventStore', () => {
  describe('when several appends are asked for in one turn of the event loop', () => {
    it('commits them together, each with its own outcome, and tells listeners once with the categories written', async () => {
      const store = new SqliteEventStore({ filename: join(directory, 'group-commit.db') });
      try {
        await store.append('note-station1-taken', [newEvent({ n: 0 })], { expectedVersion: 'no-stream' });
        const told: Array<{ lastPosition: number; categories?: readonly string[] }> = [];
        store.onAppended((lastPosition, categories) => told.push({ lastPosition, categories }));

        const outcomes = await Promise.allSettled([
          store.append('note-station1-a', [newEvent({ n: 1 }), newEvent({ n: 2 })], { expectedVersion: 'no-stream' }),
          store.append('note-station1-taken', [newEvent({ n: 3 })], { expectedVersion: 'no-stream' }),
          store.append('memo-station1-b', [newEvent({ n: 4 })], { expectedVersion: 'no-stream' }),
          store.append('note-station1-a', [newEvent({ n: 5 })], { expectedVersion: 1 }),
        ]);

        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
        expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(expect.objectContaining({ name: 'WrongExpectedVersionError' }));
        expect((outcomes[3] as PromiseFulfilledResult<unknown>).value).toEqual({ nextExpectedVersion: 2, lastPosition: 5 });
        expect((await store.readStream('note-station1-a')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 5 }]);
        expect((await store.readStream('note-station1-taken')).map((e) => e.data)).toEqual([{ n: 0 }]);
        expect(told).toEqual([{ lastPosition: 5, categories: ['note', 'memo'] }]);
      } finally {
        await store.close();
      }
    });

    it('undoes only the failing append when a batch repeats an event id', async () => {
      const store = new SqliteEventStore({ filename: join(directory, 'group-duplicate.db') });
      try {
        const shared = newEvent({ n: 1 });
        await store.append('note-station1-first', [shared], { expectedVersion: 'no-stream' });
        const [clash, fine] = await Promise.allSettled([
          store.append('note-station1-second', [newEvent({ n: 2 }), shared], { expectedVersion: 'no-stream' }),
          store.append('note-station1-third', [newEvent({ n: 3 })], { expectedVersion: 'no-stream' }),
        ]);
        expect(clash.status).toBe('rejected');
        expect(fine.status).toBe('fulfilled');
        expect(await store.readStream('note-station1-second')).toEqual([]);
        expect((await store.readStream('note-station1-third')).map((e) => e.data)).toEqual([{ n: 3 }]);
      } finally {
        await store.close();
      }
    });

    it('commits the appends still waiting when it is closed', async () => {
      const filename = join(directory, 'group-close.db');
      const store = new SqliteEventStore({ filename });
      const appended = store.append('note-station1-late', [newEvent({ n: 1 })], { expectedVersion: 'no-stream' });
      await store.close();
      await expect(appended).resolves.toEqual({ nextExpectedVersion: 0, lastPosition: 1 });
      const reopened = new SqliteEventStore({ filename });
      try {
        expect(await reopened.headPosition()).toBe(1);
      } finally {
        await reopened.close();
      }
    });
  });

  describe('when subscribers read the latest events', () => {
    it('serves them as stored, by category, and still sees what another connection appended meanwhile', async () => {
      const filename = join(directory, 'tail.db');
      const store = new SqliteEventStore({ filename, upcasters: registryUpcasters });
      const other = new SqliteEventStore({ filename });
      try {
        await store.append('note-station1-a', [newEvent({ n: 1 }), newEvent({ n: 2 })], { expectedVersion: 'no-stream' });
        await store.append('memo-station1-b', [newEvent({ n: 3 })], { expectedVersion: 'no-stream' });
        const notes = await store.readAll({ fromPosition: 1, categories: ['note'], limit: 10 });
        expect(notes.map((e) => [e.position, e.streamVersion, e.data])).toEqual([[2, 1, { n: 2 }]]);
        expect(notes[0]).toEqual((await other.readAll({ fromPosition: 1, limit: 1 }))[0]);

        await other.append('note-station1-a', [newEvent({ n: 4 })], { expectedVersion: 1 });
        expect((await store.readAll({ fromPosition: 3, limit: 10 })).map((e) => e.data)).toEqual([{ n: 4 }]);
        await store.append('memo-station1-b', [newEvent({ n: 5 })], { expectedVersion: 0 });
        expect((await store.readAll({ fromPosition: 0, limit: 10 })).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
        expect((await store.readAll({ fromPosition: 4, categories: ['memo'], limit: 10 })).map((e) => e.position)).toEqual([5]);
      } finally {
        await other.close();
        await store.close();
      }
    });
  });

  describe('when a power cut must not take back an acknowledged append', () => {
    it('answers the append, tells listeners and lets readers see it only once the log has been synced after the commit', async () => {
      const filename = join(directory, 'durable-answer.db');
      const syncs = heldSyncs();
      const store = new SqliteEventStore({ filename, syncFile: syncs.syncFile });
      try {
        const told: number[] = [];
        store.onAppended((lastPosition) => told.push(lastPosition));
        const appended = settledLater(store.append('note-station1-a', [newEvent({ n: 1 })], { expectedVersion: 'no-stream' }));
        await until(() => syncs.calls.length === 1);
        const head = settledLater(store.headPosition());
        const read = settledLater(store.readAll({ fromPosition: 0, limit: 10 }));
        await turns();

        expect(fstatSync(syncs.calls[0].fd).ino).toBe(statSync(`${filename}-wal`).ino);
        expect([appended.settled, head.settled, read.settled, told]).toEqual([false, false, false, []]);
        // Committed already: a command handler deciding on the stream sees it.
        expect(await store.readStream('note-station1-a')).toHaveLength(1);

        syncs.calls[0].release();
        expect(await appended.promise).toEqual({ nextExpectedVersion: 0, lastPosition: 1 });
        expect(await head.promise).toBe(1);
        expect((await read.promise).map((e) => e.data)).toEqual([{ n: 1 }]);
        expect(told).toEqual([1]);
      } finally {
        syncs.releaseAll();
        await store.close();
      }
    });

    it('answers an append committed while a sync runs only after the next sync', async () => {
      const syncs = heldSyncs();
      const store = new SqliteEventStore({ filename: join(directory, 'durable-next-sync.db'), syncFile: syncs.syncFile });
      try {
        const first = settledLater(store.append('note-station1-a', [newEvent({ n: 1 })], { expectedVersion: 'no-stream' }));
        await until(() => syncs.calls.length === 1);
        const second = settledLater(store.append('note-station1-b', [newEvent({ n: 2 })], { expectedVersion: 'no-stream' }));
        const third = settledLater(store.append('note-station1-c', [newEvent({ n: 3 })], { expectedVersion: 'no-stream' }));
        await turns();

        syncs.calls[0].release();
        await first.promise;
        await until(() => syncs.calls.length === 2);
        const read = settledLater(store.readAll({ fromPosition: 0, limit: 10 }));
        await turns();
        expect([second.settled, third.settled, read.settled]).toEqual([false, false, false]);

        syncs.calls[1].release();
        expect(await second.promise).toEqual({ nextExpectedVersion: 0, lastPosition: 2 });
        expect(await third.promise).toEqual({ nextExpectedVersion: 0, lastPosition: 3 });
        expect(await read.promise).toHaveLength(3);
        expect(syncs.calls).toHaveLength(2);
      } finally {
        syncs.releaseAll();
        await store.close();
      }
    });

    it('fails the append when the sync fails, and answers its retry once a later sync has covered it', async () => {
      const syncs = heldSyncs();
      const store = new SqliteEventStore({ filename: join(directory, 'durable-failed-sync.db'), syncFile: syncs.syncFile });
      try {
        const events = [newEvent({ n: 1 })];
        const failed = store.append('note-station1-a', events, { expectedVersion: 'no-stream' });
        await until(() => syncs.calls.length === 1);
        syncs.calls[0].fail(new Error('EIO'));
        await expect(failed).rejects.toThrow('EIO');

        const retried = store.append('note-station1-a', events, { expectedVersion: 'no-stream' });
        await until(() => syncs.calls.length === 2);
        syncs.calls[1].release();
        expect(await retried).toEqual({ nextExpectedVersion: 0, lastPosition: 1 });
        expect((await store.readAll({ fromPosition: 0, limit: 10 })).map((e) => e.data)).toEqual([{ n: 1 }]);
      } finally {
        syncs.releaseAll();
        await store.close();
      }
    });

    it("reads another connection's events only once a sync of its own has covered them", async () => {
      const filename = join(directory, 'durable-other-connection.db');
      const syncs = heldSyncs();
      const reader = new SqliteEventStore({ filename, syncFile: syncs.syncFile });
      const writer = new SqliteEventStore({ filename });
      try {
        await writer.append('note-station1-a', [newEvent({ n: 1 })], { expectedVersion: 'no-stream' });
        const read = settledLater(reader.readAll({ fromPosition: 0, limit: 10 }));
        await until(() => syncs.calls.length === 1);
        await turns();
        expect(read.settled).toBe(false);

        syncs.calls[0].release();
        expect((await read.promise).map((e) => e.data)).toEqual([{ n: 1 }]);
        expect(await reader.headPosition()).toBe(1);
        expect(syncs.calls).toHaveLength(1);
      } finally {
        syncs.releaseAll();
        await writer.close();
        await reader.close();
      }
    });
  });

  describe('when the file is opened again', () => {
    it('still holds the events and checkpoints, and carries on numbering', async () => {
      const filename = join(directory, 'nested', 'dir', 'reopened.db');
      const first = new SqliteEventStore({ filename });
      const written = await first.append('note-station1-1', [newEvent({ n: 1 })], { expectedVersion: 'no-stream' });
      await first.checkpoints.store('reader', written.lastPosition);
      await first.close();

      const second = new SqliteEventStore({ filename });
      try {
        expect(existsSync(filename)).toBe(true);
        expect((await second.readStream('note-station1-1')).map((e) => e.data)).toEqual([{ n: 1 }]);
        expect(await second.checkpoints.load('reader')).toBe(written.lastPosition);
        const next = await second.append('note-station1-1', [newEvent({ n: 2 })], { expectedVersion: 0 });
        expect(next).toEqual({ nextExpectedVersion: 1, lastPosition: written.lastPosition + 1 });
      } finally {
        await second.close();
      }
    });
  });

  describe('when opened', () => {
    it('writes ahead to a log and exposes its connection for tables of its own', async () => {
      const store = new SqliteEventStore({ filename: join(directory, 'pragmas.db') });
      try {
        expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
        store.database.exec('CREATE TABLE dead_letters (id TEXT PRIMARY KEY)');
        store.database.prepare('INSERT INTO dead_letters VALUES (?)').run('dl-1');
        expect(store.database.prepare('SELECT COUNT(*) AS n FROM dead_letters').get()).toEqual({ n: 1 });
      } finally {
        await store.close();
      }
    });

    it('works in memory', async () => {
      const store = new SqliteEventStore({ filename: ':memory:' });
      try {
        await store.append('note-station1-1', [newEvent({ n: 1 })], { expectedVersion: 'no-stream' });
        expect(await store.headPosition()).toBe(1);
      } finally {
        await store.close();
      }
    });
  });

  describe('when a registry event was written at schema version 1', () => {
    it('reads resident-registered back as version 2 with the origin split', async () => {
      const filename = join(directory, 'registry.db');
      const streamId = registryStreams.resident('station1', 'r-1');
      const v1 = {
        residentId: 'r-1',
        stationId: 'station1',
        personal: 'ciphertext',
        idNumberHash: 'hash',
        sex: 'female',
        origin: '四川 成都',
        arrivalDate: '2024-09-01',
        compound: 'Lotus Garden',
        childrenNeedingSchool: [],
        consent: { given: true, recordedAt: '2024-09-01T08:00:00.000+08:00', scope: ['registry'] },
      };
      const store = new SqliteEventStore({ filename, upcasters: registryUpcasters });
      try {
        // Written raw, as an older release of the registry left it in the log.
        store.database
          .prepare(
            `INSERT INTO events (stream_id, stream_version, category, id, type, schema_version, tenant_id, occurred_at, data, metadata)
             VALUES (?, 0, 'resident', ?, ?, 1, 'station1', '2024-09-01T08:00:00.000Z', ?, ?)`,
          )
          .run(streamId, randomUUID(), ResidentRegistered.type, JSON.stringify(v1), JSON.stringify(newEvent(null).metadata));

        const [read] = await store.readStream(streamId);
        expect(read.schemaVersion).toBe(2);
        expect(read.data).toEqual({ ...v1, origin: { province: '四川', city: '成都' } });
        expect(ResidentRegistered.schema.safeParse(read.data).success).toBe(true);
        const [fromLog] = await store.readAll({ fromPosition: 0, categories: ['resident'], limit: 10 });
        expect(fromLog.data).toEqual(read.data);
      } finally {
        await store.close();
      }
    });
  });
});

/** A sync function whose syncs complete (or fail) when the test says so. */
function heldSyncs() {
  const calls: Array<{ fd: number; release(): void; fail(error: Error): void }> = [];
  return {
    calls,
    syncFile: (fd: number) => new Promise<void>((resolve, reject) => calls.push({ fd, release: resolve, fail: reject })),
    releaseAll: () => calls.forEach((call) => call.release()),
  };
}

function settledLater<T>(promise: Promise<T>): { promise: Promise<T>; readonly settled: boolean } {
  const tracked = { promise, settled: false };
  promise.then(
    () => (tracked.settled = true),
    () => (tracked.settled = true),
  );
  return tracked;
}

async function turns(count = 5): Promise<void> {
  for (let i = 0; i < count; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await turns(1);
  expect(condition()).toBe(true);
}
