import { randomUUID } from 'node:crypto';
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { NewEvent } from '@kinship/contracts';
import { eventStoreConformance } from '@kinship/testing';
import { DuplicateEventIdError } from '../port/event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { InMemoryKurrentDb } from './testing/in-memory-kurrentdb';

// No KurrentDB server runs here: the store points at a port where nothing listens, so every check below
// must be made before the store talks to the server, and the one call that does reach out must fail
// as the client reports an unreachable server. The behaviour against a server is the e2e suite's.
const UNREACHABLE = 'kurrentdb://127.0.0.1:1?tls=false';

const newEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'test.noted',
  schemaVersion: 1,
  tenantId: 'station1',
  occurredAt: '2025-04-01T09:30:00.000Z',
  data: {},
  metadata: { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'station-staff' }, source: 'test' },
  ...overrides,
});

describe('KurrentDbEventStore before it reaches the server', () => {
  let store: KurrentDbEventStore;

  beforeAll(() => {
    store = new KurrentDbEventStore({ connectionString: UNREACHABLE });
  });

  afterAll(async () => {
    await store.close();
  });

  describe('when an append cannot be stored as asked', () => {
    it('rejects an empty batch', async () => {
      await expect(store.append('note-station1-1', [], { expectedVersion: 'any' })).rejects.toBeInstanceOf(RangeError);
    });

    it('rejects an expected version that is not a version', async () => {
      await expect(store.append('note-station1-1', [newEvent()], { expectedVersion: -1 })).rejects.toBeInstanceOf(RangeError);
    });

    it('rejects an event id that is not a lowercase UUID', async () => {
      await expect(store.append('note-station1-1', [newEvent({ id: 'note-1' })], { expectedVersion: 'no-stream' })).rejects.toThrow(
        'is not a lowercase UUID',
      );
    });

    it('rejects the same id twice in one batch', async () => {
      const event = newEvent();
      await expect(store.append('note-station1-1', [event, event], { expectedVersion: 'no-stream' })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
    });

    it("rejects a stream among the store's own", async () => {
      await expect(store.append('kinship-checkpoint-relay', [newEvent()], { expectedVersion: 'any' })).rejects.toThrow("are the store's own");
    });
  });

  describe('when a read asks for nothing or for an impossible place', () => {
    it('returns nothing for no categories or no room', async () => {
      expect(await store.readAll({ fromPosition: 0, categories: [], limit: 10 })).toEqual([]);
      expect(await store.readAll({ fromPosition: 0, limit: 0 })).toEqual([]);
    });

    it('rejects a position or version that cannot exist', async () => {
      await expect(store.readAll({ fromPosition: -1, limit: 10 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.readStream('note-station1-1', { fromVersion: 1.5 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.checkpoints.store('relay', -5)).rejects.toBeInstanceOf(RangeError);
    });
  });

  describe('when the server cannot be reached', () => {
    it("fails the call with the client's error, and closes without it", async () => {
      const offline = new KurrentDbEventStore({ connectionString: UNREACHABLE });
      await expect(offline.readStream('note-station1-1')).rejects.toMatchObject({ type: 'unavailable' });
      await offline.close();
      await offline.close();
    });
  });
});

describe('KurrentDbEventStore over an in-memory stand-in for the server', () => {
  let server: InMemoryKurrentDb;
  let store: KurrentDbEventStore;

  beforeEach(() => {
    server = new InMemoryKurrentDb();
    store = new KurrentDbEventStore({ client: server as unknown as KurrentDBClient });
  });

  afterEach(async () => {
    await store.close();
  });

  // The port's suite over the stand-in proves the adapter's own logic (paging, exclusive starts, claims,
  // repeats, checkpoints) against the server's rules as its source states them; only the e2e suite
  // proves those rules against a real server.
  eventStoreConformance('KurrentDB stand-in', async ({ upcasters }) => {
    const shared = new InMemoryKurrentDb();
    const conforming = new KurrentDbEventStore({ client: shared as unknown as KurrentDBClient, upcasters });
    return { store: conforming, checkpoints: conforming.checkpoints, close: () => conforming.close() };
  });

  describe("when an append with expected version 'any' is repeated after the server forgot its recent ids", () => {
    it('still answers the first result and writes nothing', async () => {
      const streamId = 'note-station1-1';
      const batch = [newEvent(), newEvent()];
      const first = await store.append(streamId, batch, { expectedVersion: 'any' });
      await store.append(streamId, [newEvent()], { expectedVersion: 'any' });
      server.forgetRecentIds();

      expect(await store.append(streamId, batch, { expectedVersion: 'any' })).toEqual(first);
      expect(await store.readStream(streamId)).toHaveLength(3);
    });
  });

  describe('when the server writes events of its own', () => {
    it('reads past system event types in a category, a page at a time, and leaves them out of the head', async () => {
      await store.append('note-station1-1', [newEvent()], { expectedVersion: 'no-stream' });
      const from = await store.headPosition();
      for (let i = 0; i < 40; i += 1) server.writeSystemEvent('note-station1-2', '$streamDeleted');
      const written = await store.append('note-station1-3', [newEvent()], { expectedVersion: 'no-stream' });
      server.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
      for (let i = 0; i < 40; i += 1) server.writeSystemEvent('note-station1-2', '$streamDeleted');

      const read = await store.readAll({ fromPosition: from, categories: ['note'], limit: 1 });
      expect(read.map((event) => event.position)).toEqual([written.lastPosition]);
      expect(await store.readAll({ fromPosition: written.lastPosition, limit: 5 })).toEqual([]);
      expect(await store.headPosition()).toBe(written.lastPosition);
    });
  });

  describe('when checkpoints are stored again and again', () => {
    it('prepares each checkpoint stream once per process', async () => {
      await store.checkpoints.store('relay', 1);
      const callsAfterFirst = server.calls;
      await store.checkpoints.store('relay', 2);
      expect(server.calls - callsAfterFirst).toBe(1);
      expect(await store.checkpoints.load('relay')).toBe(2);
    });
  });
});
