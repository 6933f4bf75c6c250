import { randomBytes, randomUUID } from 'node:crypto';
import { NewEvent } from '@kinship/contracts';
// The conformance suite lives in libs/testing so that every adapter, in any lib, runs the same one.
import { describeEngine, eventStoreConformance } from '@kinship/testing';
import { KurrentDbEventStore } from './kurrentdb-event-store';

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

// Without a Docker engine (and without KINSHIP_TEST_KURRENTDB_URL) describeEngine skips this suite by name.
describeEngine('kurrentdb', 'KurrentDbEventStore', (engine) => {
  const stores: KurrentDbEventStore[] = [];

  function openStore(options: { claimEventIds?: boolean } = {}): KurrentDbEventStore {
    const store = new KurrentDbEventStore({ connectionString: engine.url, ...options });
    stores.push(store);
    return store;
  }

  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  eventStoreConformance('KurrentDB', async ({ upcasters }) => {
    const store = new KurrentDbEventStore({ connectionString: engine.url, upcasters });
    return { store, checkpoints: store.checkpoints, close: () => store.close() };
  });

  describe('when positions are read back', () => {
    it('gives an event one position: in the append result, in its stream and in the log', async () => {
      const store = openStore();
      const category = `pos${hex()}`;
      const streamId = `${category}-station1-1`;
      const result = await store.append(streamId, [newEvent({ n: 1 }), newEvent({ n: 2 })], { expectedVersion: 'no-stream' });

      const [first, second] = await store.readStream(streamId);
      const logged = await store.readAll({ fromPosition: 0, categories: [category], limit: 10 });
      expect(second.position).toBe(result.lastPosition);
      expect(logged.map((event) => event.position)).toEqual([first.position, second.position]);
      expect(first.position).toBeLessThan(second.position);
    });
  });

  describe("when the store keeps streams of its own", () => {
    it('keeps checkpoints and event-id claims out of the log it serves and out of the head position', async () => {
      const store = openStore();
      const before = await store.headPosition();
      await store.checkpoints.store(`e2e-${hex()}`, 1);
      const written = await store.append(`own${hex()}-station1-1`, [newEvent()], { expectedVersion: 'no-stream' });
      await store.checkpoints.store(`e2e-${hex()}`, written.lastPosition);

      expect((await store.readAll({ fromPosition: before, limit: 100 })).map((event) => event.position)).toEqual([written.lastPosition]);
      expect(await store.headPosition()).toBe(written.lastPosition);
    });

    it('lists checkpoints stored by another process on the same database', async () => {
      const name = `e2e-${hex()}`;
      await openStore().checkpoints.store(name, 17);
      const listed = await openStore().checkpoints.list();
      expect(listed.find((checkpoint) => checkpoint.name === name)?.position).toBe(17);
    });
  });

  describe('when event-id claims are turned off', () => {
    it('leaves an id used in two streams to KurrentDB, which keeps both', async () => {
      const store = openStore({ claimEventIds: false });
      const event = newEvent();
      await store.append(`noclaim${hex()}-station1-1`, [event], { expectedVersion: 'no-stream' });
      const elsewhere = `noclaim${hex()}-station1-2`;
      await store.append(elsewhere, [event], { expectedVersion: 'no-stream' });
      expect((await store.readStream(elsewhere)).map((read) => read.id)).toEqual([event.id]);
    });
  });

  describe('when an append commits', () => {
    it('tells the listeners of this process the last position, and a failing listener does not fail the append', async () => {
      const store = openStore();
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
  });
});
