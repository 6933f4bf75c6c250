import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventEnvelope, NewEvent } from '@kinship/contracts';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import {
  CatchUpSubscription,
  CatchUpSubscriptionOptions,
  SubscriptionStep,
  SubscriptionStoppedError,
  SubscriptionTimeoutError,
} from './catch-up-subscription';

const event = (n: number): NewEvent => ({
  id: randomUUID(),
  type: 'test.counted',
  schemaVersion: 1,
  tenantId: 'station1',
  occurredAt: '2025-04-01T09:30:00.000Z',
  data: { n },
  metadata: { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'station-staff' }, source: 'test' },
});

describe('CatchUpSubscription', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kinship-subscription-'));
  let store: SqliteEventStore;
  const running: CatchUpSubscription[] = [];
  let fileNumber = 0;

  beforeEach(() => {
    fileNumber += 1;
    store = new SqliteEventStore({ filename: join(directory, `events-${fileNumber}.db`) });
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
    await store.close();
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function start(options: Partial<CatchUpSubscriptionOptions> & Pick<CatchUpSubscriptionOptions, 'handler'>) {
    const subscription = await CatchUpSubscription.start({
      name: 'test-subscriber',
      store,
      checkpoints: store.checkpoints,
      notifications: store,
      ...options,
    });
    running.push(subscription);
    return subscription;
  }

  async function appendCounted(streamId: string, ...numbers: number[]) {
    return store.append(streamId, numbers.map(event), { expectedVersion: 'any' });
  }

  const numbersOf = (events: EventEnvelope[]) => events.map((e) => (e.data as { n: number }).n);

  describe('when started on a log with events', () => {
    it('hands over the old events in order, then the new ones, and stores the checkpoint', async () => {
      await appendCounted('counter-station1-a', 1, 2);
      await appendCounted('counter-station1-b', 3);
      const handled: EventEnvelope[] = [];
      const subscription = await start({ handler: async (e) => void handled.push(e) });

      const { lastPosition } = await appendCounted('counter-station1-a', 4);
      await subscription.waitFor(lastPosition, 2000);

      expect(numbersOf(handled)).toEqual([1, 2, 3, 4]);
      expect(await subscription.position()).toBe(lastPosition);
      await subscription.stop();
      expect(await store.checkpoints.load('test-subscriber')).toBe(lastPosition);
    });

    it('stores the checkpoint after each batch, so a restart resumes after the last batch handled', async () => {
      const { lastPosition } = await appendCounted('counter-station1-a', 1, 2, 3, 4, 5);
      const checkpointsSeen: number[] = [];
      const first = await start({
        batchSize: 2,
        handler: async () => void checkpointsSeen.push(await store.checkpoints.load('test-subscriber')),
      });
      await first.waitFor(lastPosition, 2000);
      await first.stop();
      const [p1, p2, , p4] = (await store.readStream('counter-station1-a')).map((e) => e.position);
      expect(checkpointsSeen).toEqual([0, 0, p2, p2, p4]);
      expect(p1).toBeLessThan(p2);

      const handledAfterRestart: EventEnvelope[] = [];
      const second = await start({ handler: async (e) => void handledAfterRestart.push(e) });
      const next = await appendCounted('counter-station1-a', 6);
      await second.waitFor(next.lastPosition, 2000);
      expect(numbersOf(handledAfterRestart)).toEqual([6]);
    });
  });

  describe('when following some categories only', () => {
    it('hands over only their events, yet reaches the positions of the others', async () => {
      const handled: EventEnvelope[] = [];
      const subscription = await start({ categories: ['resident'], handler: async (e) => void handled.push(e) });
      await appendCounted('resident-station1-r1', 1);
      const skipped = await appendCounted('household-station1-h1', 2);
      await subscription.waitFor(skipped.lastPosition, 2000);
      expect(numbersOf(handled)).toEqual([1]);
      expect(await subscription.position()).toBeGreaterThanOrEqual(skipped.lastPosition);
    });
  });

  describe('when events are appended', () => {
    it('wakes on the store’s notification without waiting for a poll', async () => {
      let arrived!: (e: EventEnvelope) => void;
      const arrival = new Promise<EventEnvelope>((resolve) => (arrived = resolve));
      await start({ pollIntervalMs: 60_000, handler: async (e) => arrived(e) });

      await appendCounted('counter-station1-a', 7);
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000).unref());
      const first = await Promise.race([arrival, timeout]);
      expect(first?.data).toEqual({ n: 7 });
    });

    it('finds events appended through another connection by polling', async () => {
      const handled: EventEnvelope[] = [];
      const subscription = await start({ pollIntervalMs: 10, notifications: undefined, handler: async (e) => void handled.push(e) });
      const other = new SqliteEventStore({ filename: store.database.name });
      try {
        const { lastPosition } = await other.append('counter-station1-z', [event(9)], { expectedVersion: 'no-stream' });
        await subscription.waitFor(lastPosition, 2000);
        expect(numbersOf(handled)).toEqual([9]);
      } finally {
        await other.close();
      }
    });
  });

  describe('when the handler fails', () => {
    it('reports the failure and hands over the same event again, skipping nothing', async () => {
      const handled: number[] = [];
      const errors: Array<{ error: unknown; n: number | undefined; step: SubscriptionStep }> = [];
      let failuresLeft = 2;
      const subscription = await start({
        retryDelayMs: 5,
        handler: async (e) => {
          const { n } = e.data as { n: number };
          if (n === 2 && failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error('projection unavailable');
          }
          handled.push(n);
        },
        onError: (error, e, step) => errors.push({ error, n: (e?.data as { n: number } | undefined)?.n, step }),
      });
      const { lastPosition } = await appendCounted('counter-station1-a', 1, 2, 3);
      await subscription.waitFor(lastPosition, 2000);

      expect(handled).toEqual([1, 2, 3]);
      expect(errors.map(({ n }) => n)).toEqual([2, 2]);
      expect(errors.map(({ step }) => step)).toEqual(['handle', 'handle']);
      expect((errors[0].error as Error).message).toBe('projection unavailable');
    });

    it('keeps the checkpoint at the last event handled while it fails', async () => {
      const subscription = await start({
        retryDelayMs: 5,
        handler: async (e) => {
          if ((e.data as { n: number }).n === 2) throw new Error('always');
        },
      });
      const { lastPosition } = await appendCounted('counter-station1-a', 1, 2);
      await expect(subscription.waitFor(lastPosition, 100)).rejects.toBeInstanceOf(SubscriptionTimeoutError);
      const [first] = await store.readStream('counter-station1-a');
      expect(await subscription.position()).toBe(first.position);
      expect(await store.checkpoints.load('test-subscriber')).toBe(first.position);
    });
  });

  describe('when the checkpoint cannot be stored', () => {
    it('reports it, keeps handling events and stores the checkpoint once it can', async () => {
      store.database.exec(`CREATE TRIGGER fail_checkpoints BEFORE INSERT ON checkpoints BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;`);
      let reported!: (step: SubscriptionStep) => void;
      const report = new Promise<SubscriptionStep>((resolve) => (reported = resolve));
      const handled: number[] = [];
      const subscription = await start({
        retryDelayMs: 5,
        retryMaxDelayMs: 5,
        handler: async (e) => void handled.push((e.data as { n: number }).n),
        onError: (_error, _event, step) => reported(step),
      });
      const { lastPosition } = await appendCounted('counter-station1-a', 1, 2);
      await subscription.waitFor(lastPosition, 2000);
      expect(await report).toBe('checkpoint');
      const { lastPosition: later } = await appendCounted('counter-station1-a', 3);
      await subscription.waitFor(later, 2000);
      expect(handled).toEqual([1, 2, 3]);
      expect(await store.checkpoints.load('test-subscriber')).toBe(0);

      store.database.exec('DROP TRIGGER fail_checkpoints');
      await subscription.stop();
      expect(await store.checkpoints.load('test-subscriber')).toBe(later);
    });
  });

  describe('when a batch handler is given', () => {
    it('hands it every event of a read at once, in order, and moves past them', async () => {
      await appendCounted('counter-station1-a', 1, 2, 3);
      const batches: number[][] = [];
      const one: number[] = [];
      const subscription = await start({
        batchSize: 2,
        handler: async (e) => void one.push((e.data as { n: number }).n),
        batchHandler: async (events) => void batches.push(numbersOf([...events])),
      });
      const { lastPosition } = await appendCounted('counter-station1-b', 4);
      await subscription.waitFor(lastPosition, 2000);
      expect(batches.flat()).toEqual([1, 2, 3, 4]);
      expect(batches[0]).toEqual([1, 2]);
      expect(one).toEqual([]);
      await subscription.stop();
      expect(await store.checkpoints.load('test-subscriber')).toBe(lastPosition);
    });

    it('hands the events of a failed batch to the handler one by one, which reports the one that fails', async () => {
      await appendCounted('counter-station1-a', 1, 2, 3);
      const one: number[] = [];
      const failures: Array<{ n: number | undefined; step: SubscriptionStep }> = [];
      let poisoned = true;
      const subscription = await start({
        retryDelayMs: 5,
        handler: async (e) => {
          const { n } = e.data as { n: number };
          if (n === 2 && poisoned) {
            poisoned = false;
            throw new Error('cannot count 2 yet');
          }
          one.push(n);
        },
        batchHandler: async () => {
          throw new Error('the batch failed');
        },
        onError: (_error, e, step) => failures.push({ n: (e?.data as { n: number } | undefined)?.n, step }),
      });
      await subscription.waitFor(3, 2000);
      expect(one).toEqual([1, 2, 3]);
      expect(failures).toEqual([{ n: 2, step: 'handle' }]);
    });
  });

  describe('when events of categories it does not follow are appended', () => {
    it('is not woken by them, and still reaches their position when asked to wait for it', async () => {
      const subscription = await start({ categories: ['counter'], pollIntervalMs: 60_000, handler: async () => undefined });
      await new Promise((resolve) => setTimeout(resolve, 30));
      const { lastPosition } = await store.append('other-station1-a', [event(1)], { expectedVersion: 'any' });
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(await subscription.position()).toBe(0);
      await subscription.waitFor(lastPosition, 2000);
      expect(await subscription.position()).toBe(lastPosition);
    });

    it('is woken by an append of its own categories', async () => {
      const handled: number[] = [];
      const subscription = await start({ categories: ['counter'], pollIntervalMs: 60_000, handler: async (e) => void handled.push((e.data as { n: number }).n) });
      await new Promise((resolve) => setTimeout(resolve, 30));
      await appendCounted('counter-station1-a', 7);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(handled).toEqual([7]);
      expect(await subscription.position()).toBe(1);
    });
  });

  describe('when catching up with a long log', () => {
    it('lets other work of the process run between full batches', async () => {
      for (let i = 0; i < 10; i++) await appendCounted(`counter-station1-${i}`, ...Array.from({ length: 100 }, (_, n) => n));
      const head = await store.headPosition();
      let seenMidway: number | undefined;
      const subscription = await start({ batchSize: 100, handler: async () => undefined });
      setImmediate(() => {
        void subscription.position().then((position) => (seenMidway = position));
      });
      await subscription.waitFor(head, 5000);
      expect(seenMidway).toBeDefined();
      expect(seenMidway as number).toBeLessThan(head);
    });
  });

  describe('when a lag reporter is given', () => {
    it('reports how far the subscription is behind the head, down to zero', async () => {
      const { lastPosition } = await appendCounted('counter-station1-a', 1, 2, 3);
      const lags: number[] = [];
      const subscription = await start({ handler: async () => undefined, onLag: (lag) => lags.push(lag) });
      await subscription.waitFor(lastPosition, 2000);
      expect(lags.slice(0, 4)).toEqual([3, 2, 1, 0]);
      expect(lags.at(-1)).toBe(0);
    });
  });

  describe('when stopped while the handler is waiting', () => {
    it('aborts the handler’s signal, reports no failure, and hands the event over again at the next start', async () => {
      const { lastPosition } = await appendCounted('counter-station1-a', 1);
      const errors: unknown[] = [];
      let waiting!: () => void;
      const handlerWaits = new Promise<void>((resolve) => (waiting = resolve));
      const first = await start({
        handler: (_e, signal) =>
          new Promise<void>((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(signal.reason));
            waiting();
          }),
        onError: (error) => errors.push(error),
      });
      await handlerWaits;
      await first.stop();
      expect(errors).toEqual([]);
      expect(await store.checkpoints.load('test-subscriber')).toBe(0);

      const handledAfterRestart: EventEnvelope[] = [];
      const second = await start({ handler: async (e) => void handledAfterRestart.push(e) });
      await second.waitFor(lastPosition, 2000);
      expect(numbersOf(handledAfterRestart)).toEqual([1]);
    });
  });

  describe('when waiting for a position', () => {
    it('rejects with a timeout when the position is not reached in time', async () => {
      const subscription = await start({ handler: async () => undefined });
      const error = await subscription.waitFor(1000, 30).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SubscriptionTimeoutError);
      expect(error).toMatchObject({ subscription: 'test-subscriber', wanted: 1000, reached: 0 });
    });

    it('rejects the waits still pending when stopped, and any made after', async () => {
      const subscription = await start({ handler: async () => undefined });
      const pending = subscription.waitFor(1000, 5000);
      await subscription.stop();
      await expect(pending).rejects.toThrow('stopped');
      await expect(subscription.waitFor(1000, 5000)).rejects.toThrow('stopped');
      await expect(subscription.waitFor(1000, 5000)).rejects.toBeInstanceOf(SubscriptionStoppedError);
    });
  });

  describe('when stopped', () => {
    it('hands over nothing appended afterwards', async () => {
      const handled: EventEnvelope[] = [];
      const subscription = await start({ pollIntervalMs: 5, handler: async (e) => void handled.push(e) });
      await subscription.stop();
      await appendCounted('counter-station1-a', 1);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(handled).toEqual([]);
    });
  });
});
