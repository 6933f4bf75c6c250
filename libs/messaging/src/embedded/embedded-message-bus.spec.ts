import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventEnvelope, NewEvent } from '@kinship/contracts';
import { SqliteEventStore } from '@kinship/eventsourcing';
import { messageBusConformance } from '@kinship/testing';
import { ConsumerGroupAlreadyActiveError, ConsumerStoppedError } from '../port/bus.errors';
import { BusLogger } from '../port/bus.observer';
import { EmbeddedMessageBusOptions } from './embedded-message-bus';
import { createEmbeddedMessaging, EmbeddedMessaging } from './embedded-messaging';

interface Fixture extends EmbeddedMessaging {
  store: SqliteEventStore;
  filename: string;
  logged: Array<{ level: keyof BusLogger; message: string; context: Record<string, unknown> }>;
  publish(streamId: string, count: number): Promise<NewEvent[]>;
  close(): Promise<void>;
}

type BusTuning = Omit<EmbeddedMessageBusOptions, 'store' | 'checkpoints' | 'deadLetters' | 'handlers'>;

function openFixture(tuning: BusTuning = {}): Fixture {
  const directory = mkdtempSync(join(tmpdir(), 'kinship-bus-'));
  const filename = join(directory, 'events.sqlite');
  const store = new SqliteEventStore({ filename });
  const logged: Fixture['logged'] = [];
  const logger: BusLogger = {
    error: (context, message) => logged.push({ level: 'error', message, context }),
    warn: (context, message) => logged.push({ level: 'warn', message, context }),
    info: (context, message) => logged.push({ level: 'info', message, context }),
  };
  const messaging = createEmbeddedMessaging({
    store,
    checkpoints: store.checkpoints,
    database: store.database,
    pollIntervalMs: 10,
    retryBaseDelayMs: 1,
    errorBackoffMs: 10,
    logger,
    ...tuning,
  });
  return {
    ...messaging,
    store,
    filename,
    logged,
    async publish(streamId, count) {
      const events = Array.from({ length: count }, (_, i) => newEvent(i));
      await store.append(streamId, events, { expectedVersion: 'any' });
      return events;
    },
    async close() {
      await messaging.bus.close();
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

messageBusConformance('embedded (SQLite log tailing)', async () => {
  const fixture = openFixture();
  return {
    bus: fixture.bus,
    deadLetters: fixture.deadLetters,
    publish: async (streamId, events) => {
      await fixture.store.append(streamId, events, { expectedVersion: 'any' });
      fixture.bus.notify();
    },
    close: () => fixture.close(),
  };
});

describe('EmbeddedMessageBus', () => {
  let fixture: Fixture;

  afterEach(async () => {
    await fixture.close();
  });

  describe('when a consumer stops', () => {
    it('finishes the event in hand, then stores the checkpoint after it', async () => {
      fixture = openFixture();
      const [first] = await fixture.publish('resident-t1-a', 2);
      const release = gate();
      const started = gate();
      const handled: EventEnvelope[] = [];
      const consumer = await fixture.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        handler: async (event) => {
          started.open();
          await release.wait();
          handled.push(event);
        },
      });
      await started.wait();

      let stopped = false;
      const stopping = consumer.stop().then(() => (stopped = true));
      await sleep(30);
      expect(stopped).toBe(false);
      release.open();
      await stopping;

      expect(handled.map((e) => e.id)).toEqual([first.id]);
      expect(await fixture.store.checkpoints.load('directory')).toBe(handled[0].position);
    });

    it('gives up an event it is still retrying without dead-lettering it, so the next run gets it again', async () => {
      fixture = openFixture({ retryBaseDelayMs: 60_000 });
      const [event] = await fixture.publish('resident-t1-a', 1);
      const failed = gate();
      const consumer = await fixture.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        handler: async () => {
          failed.open();
          throw new Error('read model offline');
        },
      });
      await failed.wait();
      await consumer.stop();

      expect(await fixture.deadLetters.list({ includeReplayed: true })).toEqual([]);
      expect(await fixture.store.checkpoints.load('directory')).toBe(0);
      const redelivered: string[] = [];
      const restarted = await fixture.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        handler: async (e) => {
          redelivered.push(e.id);
        },
      });
      await restarted.waitFor(1, 2000);
      expect(redelivered).toEqual([event.id]);
    });

    it('rejects those still waiting on it, and later waits', async () => {
      fixture = openFixture();
      const consumer = await fixture.bus.subscribe({ group: 'directory', categories: ['resident'], handler: async () => undefined });
      const waiting = consumer.waitFor(1_000, 5_000);
      await consumer.stop();

      await expect(waiting).rejects.toBeInstanceOf(ConsumerStoppedError);
      await expect(consumer.waitFor(1_000, 5_000)).rejects.toBeInstanceOf(ConsumerStoppedError);
    });
  });

  describe('when a bus is opened again on the same file', () => {
    it('resumes each group from its stored checkpoint', async () => {
      fixture = openFixture();
      await fixture.publish('resident-t1-a', 3);
      const firstRun: number[] = [];
      const consumer = await fixture.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        handler: async (e) => {
          firstRun.push(e.position);
        },
      });
      await consumer.waitFor(await fixture.store.headPosition(), 2000);
      await fixture.bus.close();
      await fixture.publish('resident-t1-a', 2);

      const again = createEmbeddedMessaging({ store: fixture.store, checkpoints: fixture.store.checkpoints, database: fixture.store.database });
      const secondRun: number[] = [];
      const resumed = await again.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        handler: async (e) => {
          secondRun.push(e.position);
        },
      });
      await resumed.waitFor(await fixture.store.headPosition(), 2000);
      await again.bus.close();

      expect(firstRun).toHaveLength(3);
      expect(secondRun).toEqual([4, 5]);
    });
  });

  describe('when events are appended while consumers idle', () => {
    it('wakes them on notify() long before their next poll', async () => {
      fixture = openFixture({ pollIntervalMs: 60_000 });
      const handled: string[] = [];
      const consumer = await fixture.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        handler: async (e) => {
          handled.push(e.id);
        },
      });
      await fixture.publish('resident-t1-a', 1);
      await consumer.waitFor(1, 2000);
      const [second] = await fixture.publish('resident-t1-a', 1);
      await sleep(50);
      expect(handled).toHaveLength(1);

      fixture.bus.notify();
      await eventually(() => handled.length === 2);
      expect(handled[1]).toBe(second.id);
    });

    it("wakes them on the store's own append notifications", async () => {
      fixture = openFixture({ pollIntervalMs: 60_000 });
      await fixture.bus.close();
      const listening = createEmbeddedMessaging({
        store: fixture.store,
        checkpoints: fixture.store.checkpoints,
        database: fixture.store.database,
        notifications: fixture.store,
        pollIntervalMs: 60_000,
      });
      const handled: string[] = [];
      await listening.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        handler: async (e) => {
          handled.push(e.id);
        },
      });
      await sleep(20);
      const [event] = await fixture.publish('resident-t1-a', 1);

      await eventually(() => handled.length === 1, 1000);
      await listening.bus.close();
      expect(handled).toEqual([event.id]);
    });
  });

  describe('when a consumer gives a batch handler', () => {
    it('hands it the events of each read together', async () => {
      fixture = openFixture();
      const batches: string[][] = [];
      const consumer = await fixture.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        handler: async () => {
          throw new Error('not expected one by one');
        },
        batchHandler: async (events) => void batches.push(events.map((e) => e.id)),
      });
      const published = await fixture.publish('resident-t1-a', 3);
      fixture.bus.notify();
      await consumer.waitFor(3, 2000);
      expect(batches.flat()).toEqual(published.map((e) => e.id));
      expect(await fixture.deadLetters.list()).toEqual([]);
    });

    it('falls back to the handler one by one when the batch fails, retrying and dead-lettering as usual', async () => {
      fixture = openFixture();
      const handled: string[] = [];
      const [good, poison, after] = await fixture.publish('resident-t1-a', 3);
      const consumer = await fixture.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        maxAttempts: 2,
        handler: async (e) => {
          if (e.id === poison.id) throw new Error('cannot project this one');
          handled.push(e.id);
        },
        batchHandler: async () => {
          throw new Error('the batch failed');
        },
      });
      await consumer.waitFor(3, 2000);
      expect(handled).toEqual([good.id, after.id]);
      expect((await fixture.deadLetters.list()).map((letter) => ({ id: letter.event.id, attempts: letter.attempts }))).toEqual([
        { id: poison.id, attempts: 2 },
      ]);
    });
  });

  describe('when the checkpoint cannot be stored', () => {
    it('logs the failure, keeps handling events and stores the checkpoint once it can', async () => {
      fixture = openFixture();
      failWrites(fixture.store, 'checkpoints', 'disk I/O error');
      const handled: string[] = [];
      const consumer = await fixture.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        handler: async (e) => {
          handled.push(e.id);
        },
      });
      await fixture.publish('resident-t1-a', 2);
      await eventually(() => fixture.logged.some((l) => l.level === 'error' && /checkpoint/.test(l.message)));
      await fixture.publish('resident-t1-a', 1);
      await consumer.waitFor(3, 2000);
      expect(handled).toHaveLength(3);
      expect(await fixture.store.checkpoints.load('directory')).toBe(0);

      restoreWrites(fixture.store, 'checkpoints');
      await eventually(async () => (await fixture.store.checkpoints.load('directory')) === 3);
    });
  });

  describe('when the dead letter cannot be recorded', () => {
    it('logs it and keeps trying before moving on, never dropping the event', async () => {
      fixture = openFixture();
      failWrites(fixture.store, 'dead_letters', 'database is locked');
      const [poison] = await fixture.publish('resident-t1-a', 1);
      const consumer = await fixture.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        maxAttempts: 1,
        handler: async () => {
          throw new Error('unreadable');
        },
      });
      await eventually(() => fixture.logged.some((l) => l.level === 'error' && /dead letter/.test(l.message)));
      expect(await consumer.position()).toBe(0);

      restoreWrites(fixture.store, 'dead_letters');
      await consumer.waitFor(1, 2000);
      const [deadLetter] = await fixture.deadLetters.list({ group: 'directory' });
      expect(deadLetter.event.id).toBe(poison.id);
    });
  });

  describe('when a lag reporter is given', () => {
    it('reports how far each group is behind the head, down to zero', async () => {
      const lags: Array<[string, number]> = [];
      fixture = openFixture({ onLag: (group, lag) => lags.push([group, lag]) });
      await fixture.publish('resident-t1-a', 3);
      const release = gate();
      const consumer = await fixture.bus.subscribe({
        group: 'directory',
        categories: ['resident'],
        handler: () => release.wait(),
      });
      await eventually(() => lags.length > 0);
      expect(lags[0]).toEqual(['directory', 3]);

      release.open();
      await consumer.waitFor(3, 2000);
      expect(lags.at(-1)).toEqual(['directory', 0]);
    });
  });

  describe('when a group subscribes twice on one bus', () => {
    it('refuses the second live consumer until the first stops', async () => {
      fixture = openFixture();
      const spec = { group: 'directory', categories: ['resident'], handler: async () => undefined };
      const first = await fixture.bus.subscribe(spec);

      await expect(fixture.bus.subscribe(spec)).rejects.toBeInstanceOf(ConsumerGroupAlreadyActiveError);
      await first.stop();
      await expect(fixture.bus.subscribe(spec)).resolves.toMatchObject({ group: 'directory' });
    });
  });

  describe('when a subscription is malformed', () => {
    it('refuses a consumer without categories or with no attempts', async () => {
      fixture = openFixture();
      const handler = async () => undefined;

      await expect(fixture.bus.subscribe({ group: 'a', categories: [], handler })).rejects.toBeInstanceOf(RangeError);
      await expect(fixture.bus.subscribe({ group: 'b', categories: ['resident'], handler, maxAttempts: 0 })).rejects.toBeInstanceOf(
        RangeError,
      );
    });
  });
});

/** A real SQLite failure on writes to `table`, raised by a trigger until `restoreWrites`. */
function failWrites(store: SqliteEventStore, table: string, message: string): void {
  store.database.exec(`
    CREATE TRIGGER fail_${table}_insert BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END;
    CREATE TRIGGER fail_${table}_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END;
  `);
}

function restoreWrites(store: SqliteEventStore, table: string): void {
  store.database.exec(`DROP TRIGGER fail_${table}_insert; DROP TRIGGER fail_${table}_update;`);
}

function newEvent(sequence: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'registry.resident-noted',
    schemaVersion: 1,
    tenantId: 't1',
    occurredAt: '2025-01-01T00:00:00.000Z',
    data: { sequence },
    metadata: { correlationId: randomUUID(), causationId: null, actor: { userId: 'u1', role: 'station-staff' }, source: 'spec' },
  };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, wait: () => opened };
}

async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
