import { randomBytes, randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { EventEnvelope, NewEvent } from '@kinship/contracts';
// The conformance suite lives in libs/testing so that every adapter, in any lib, runs the same one.
import { describeEngine, eventStoreConformance } from '@kinship/testing';
import { CatchUpSubscription } from '../subscription/catch-up-subscription';
import { PostgresEventStore } from './postgres-event-store';

const newEvent = (data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'test.noted',
  schemaVersion: 1,
  tenantId: 'station1',
  occurredAt: '2025-04-01T09:30:00.000Z',
  data,
  metadata: { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'station-staff' }, source: 'test' },
});

const hex = () => randomBytes(5).toString('hex');

/** Polls `read` until `done` holds or two seconds pass; returns the last answer either way. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeEngine('postgres', 'PostgresEventStore', (engine) => {
  // A schema of this run's own: the engine is shared with other suites, possibly running right now.
  const schema = `kinship_es_${hex()}`;
  let pool: Pool;
  const stores: PostgresEventStore[] = [];

  /** Another process on the same schema: its own store object over a shared pool. */
  function anotherStore(options: { ownAppendVisibleWithinMs?: number } = {}): PostgresEventStore {
    const store = new PostgresEventStore({ pool, schema, ...options });
    stores.push(store);
    return store;
  }

  beforeAll(async () => {
    pool = new Pool({ connectionString: engine.url, max: 6 });
    await new PostgresEventStore({ pool, schema }).migrate();
  });

  afterAll(async () => {
    for (const store of stores) await store.close();
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
  });

  eventStoreConformance('PostgreSQL', async ({ upcasters }) => {
    const store = new PostgresEventStore({ connectionString: engine.url, schema, upcasters });
    await store.migrate();
    return { store, checkpoints: store.checkpoints, close: () => store.close() };
  });

  describe('when transactions commit out of order', () => {
    let late: PoolClient;

    /**
     * Transaction A: the append a writer makes, left uncommitted, as when a commit is slow. The store
     * cannot be stopped between its append and its commit, so the test calls its function itself.
     */
    async function beginLateAppend(streamId: string, event: NewEvent): Promise<number> {
      late = await pool.connect();
      await late.query('BEGIN');
      const { rows } = await late.query<{ r_position: string }>(
        `SELECT r_position FROM "${schema}".append_to_stream($1, $2, 'no-stream', NULL, $3, $4, $5, $6, $7, $8::json[], $9::json[], false)`,
        [
          streamId,
          streamId.split('-')[0],
          [event.id],
          [event.type],
          [event.schemaVersion],
          [event.tenantId],
          [event.occurredAt],
          [JSON.stringify(event.data)],
          [JSON.stringify(event.metadata)],
        ],
      );
      return Number(rows[0].r_position);
    }

    afterEach(async () => {
      await late?.query('ROLLBACK').catch(() => undefined);
      late?.release();
    });

    it('hides a later position committed first until the earlier one commits, then gives both in order', async () => {
      const category = `late${hex()}`;
      const reader = anotherStore();
      const writer = anotherStore();
      const [eventA, eventB] = [newEvent({ n: 'a' }), newEvent({ n: 'b' })];

      const positionA = await beginLateAppend(`${category}-station1-a`, eventA);
      const committedB = await writer.append(`${category}-station1-b`, [eventB], { expectedVersion: 'no-stream' });
      expect(committedB.lastPosition).toBeGreaterThan(positionA);

      expect(await reader.readAll({ fromPosition: 0, categories: [category], limit: 10 })).toEqual([]);
      const headWhileOpen = await reader.headPosition();
      expect(headWhileOpen).toBeLessThan(positionA);
      expect((await reader.readAll({ fromPosition: headWhileOpen, limit: 100 })).map((event) => event.id)).not.toContain(eventB.id);
      // The writer itself already reads its own event in its stream: only the log waits.
      expect((await writer.readStream(`${category}-station1-b`)).map((event) => event.id)).toEqual([eventB.id]);

      await late.query('COMMIT');

      const afterCommit = await eventually(
        () => reader.readAll({ fromPosition: headWhileOpen, categories: [category], limit: 10 }),
        (events) => events.length >= 2,
      );
      expect(afterCommit.map((event) => [event.id, event.position])).toEqual([
        [eventA.id, positionA],
        [eventB.id, committedB.lastPosition],
      ]);
    });

    it('lets a subscription that followed the log up to the visible head receive the late event, then the next', async () => {
      const category = `late${hex()}`;
      const writer = anotherStore();
      const follower = anotherStore();
      const received: EventEnvelope[] = [];
      const subscription = await CatchUpSubscription.start({
        name: `late-${hex()}`,
        store: follower,
        checkpoints: follower.checkpoints,
        categories: [category],
        pollIntervalMs: 5,
        handler: async (event) => {
          received.push(event);
        },
      });
      try {
        const [eventA, eventB] = [newEvent({ n: 'a' }), newEvent({ n: 'b' })];
        const positionA = await beginLateAppend(`${category}-station1-a`, eventA);
        const committedB = await writer.append(`${category}-station1-b`, [eventB], { expectedVersion: 'no-stream' });

        // Let the subscription poll a few times while A is open: it must neither deliver B nor move past A.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(received).toEqual([]);
        expect(await subscription.position()).toBeLessThan(positionA);

        await late.query('COMMIT');
        await subscription.waitFor(committedB.lastPosition, 5000);
        expect(received.map((event) => event.id)).toEqual([eventA.id, eventB.id]);
      } finally {
        await subscription.stop();
      }
    });

    it('has a writer read its own append once the older transaction finishes', async () => {
      const category = `late${hex()}`;
      const writer = anotherStore();
      const eventA = newEvent({ n: 'a' });
      await beginLateAppend(`${category}-station1-a`, eventA);
      const committedB = await writer.append(`${category}-station1-b`, [newEvent({ n: 'b' })], { expectedVersion: 'no-stream' });

      const commitSoon = new Promise((resolve) => setTimeout(resolve, 150)).then(() => late.query('COMMIT'));
      const read = await writer.readAll({ fromPosition: 0, categories: [category], limit: 10 });
      await commitSoon;

      expect(read.map((event) => event.position)).toEqual([expect.any(Number), committedB.lastPosition]);
      expect(read[0].id).toBe(eventA.id);
      expect(await writer.headPosition()).toBeGreaterThanOrEqual(committedB.lastPosition);
    });

    it('answers without its own append, never past the open transaction, once it has waited long enough', async () => {
      const category = `late${hex()}`;
      const writer = anotherStore({ ownAppendVisibleWithinMs: 50 });
      const positionA = await beginLateAppend(`${category}-station1-a`, newEvent());
      await writer.append(`${category}-station1-b`, [newEvent()], { expectedVersion: 'no-stream' });

      expect(await writer.readAll({ fromPosition: 0, categories: [category], limit: 10 })).toEqual([]);
      expect(await writer.headPosition()).toBeLessThan(positionA);
    });
  });

  describe('when several processes share the schema', () => {
    it('migrates again and concurrently without harm, keeping the events', async () => {
      const store = anotherStore();
      const written = await store.append(`mig${hex()}-station1-1`, [newEvent()], { expectedVersion: 'no-stream' });
      await Promise.all([anotherStore().migrate(), anotherStore().migrate(), store.migrate()]);
      expect(await anotherStore().readAll({ fromPosition: written.lastPosition - 1, limit: 1 })).toHaveLength(1);
    });

    it('lets exactly one of two processes win a stream version, and each later append continue the numbering', async () => {
      const streamId = `race${hex()}-station1-1`;
      const [first, second] = [anotherStore(), anotherStore()];
      const attempts = await Promise.allSettled([
        first.append(streamId, [newEvent()], { expectedVersion: 'no-stream' }),
        second.append(streamId, [newEvent()], { expectedVersion: 'no-stream' }),
      ]);
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      const concurrentAny = await Promise.all(
        Array.from({ length: 6 }, (_, n) => (n % 2 ? first : second).append(streamId, [newEvent({ n })], { expectedVersion: 'any' })),
      );
      expect(concurrentAny.map((result) => result.nextExpectedVersion).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await first.readStream(streamId)).map((event) => event.streamVersion)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });
  });

  describe('when an append commits', () => {
    it('tells the listeners of this process the last position, and a failing listener does not fail the append', async () => {
      const store = anotherStore();
      const heard: number[] = [];
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      store.onAppended(() => {
        throw new Error('listener broke');
      });
      const stop = store.onAppended((position) => heard.push(position));
      const result = await store.append(`note${hex()}-station1-1`, [newEvent(), newEvent()], { expectedVersion: 'no-stream' });
      stop();
      await store.append(`note${hex()}-station1-2`, [newEvent()], { expectedVersion: 'no-stream' });
      errors.mockRestore();
      expect(heard).toEqual([result.lastPosition]);
    });

    it('refuses the same id twice in one batch, and keeps the JSON of the data as given, NUL escapes included', async () => {
      const store = anotherStore();
      const event = newEvent();
      await expect(store.append(`dup${hex()}-station1-1`, [event, event], { expectedVersion: 'any' })).rejects.toMatchObject({
        name: 'DuplicateEventIdError',
        eventId: event.id,
      });
      const streamId = `raw${hex()}-station1-1`;
      const data = { zeta: 1, alpha: 'nul\u0000byte', nested: { b: [1.5, null], a: true } };
      await store.append(streamId, [newEvent(data)], { expectedVersion: 'no-stream' });
      const [read] = await store.readStream(streamId);
      expect(JSON.stringify(read.data)).toBe(JSON.stringify(data));
    });
  });

  it('rejects a schema name that is not a plain identifier', () => {
    expect(() => new PostgresEventStore({ pool, schema: 'kinship"; DROP TABLE x; --' })).toThrow(RangeError);
  });
});
