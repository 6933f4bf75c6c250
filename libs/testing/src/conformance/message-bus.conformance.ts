import { randomUUID } from 'node:crypto';
import { EventEnvelope, NewEvent } from '@kinship/contracts';
import {
  Consumer,
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  DeadLetterReplayFailedError,
  DeadLetterStore,
  EventHandler,
  MessageBus,
  NoLiveConsumerError,
  WaitForTimeoutError,
} from '@kinship/messaging';

/** What an adapter hands the bus conformance suite: a bus, its dead letters, and a way to publish events. */
export interface MessageBusHarness {
  bus: MessageBus;
  deadLetters: DeadLetterStore;
  publish(streamId: string, events: NewEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** How long the suite waits for something that should happen; generous so a networked broker passes too. */
const PATIENCE_MS = 10_000;

/**
 * The one consumer-side suite every MessageBus adapter runs (DESIGN §3, §7). Groups, categories and
 * streams get a random suffix per test, so adapters whose topics outlive a test (Kafka) run it unchanged.
 */
export function messageBusConformance(adapterName: string, open: () => Promise<MessageBusHarness>): void {
  describe(`MessageBus conformance: ${adapterName}`, () => {
    let harness: MessageBusHarness;
    let names: ReturnType<typeof uniqueNames>;
    let gates: Gate[];

    beforeEach(async () => {
      harness = await open();
      names = uniqueNames();
      gates = [];
    });

    afterEach(async () => {
      // A failed assertion can leave a handler parked on a gate; closing the bus would then wait forever.
      for (const gate of gates) gate.open();
      await harness.close();
    });

    function newGate(): Gate {
      const created = new Gate();
      gates.push(created);
      return created;
    }

    async function publishNumbered(streamId: string, from: number, count: number): Promise<NewEvent[]> {
      const events = Array.from({ length: count }, (_, i) => probeEvent(from + i));
      await harness.publish(streamId, events);
      return events;
    }

    describe('when several streams are published interleaved', () => {
      it("delivers each stream's events in the order they were appended", async () => {
        const category = names.category('order');
        const streams = [1, 2, 3].map((n) => names.stream(category, `s${n}`));
        const seen = new Map<string, number[]>(streams.map((s) => [s, []]));
        const next = new Map<string, number>(streams.map((s) => [s, 0]));
        const publishRound = async (sizes: number[]) => {
          for (const [i, streamId] of streams.entries()) {
            const from = next.get(streamId) ?? 0;
            await publishNumbered(streamId, from, sizes[i]);
            next.set(streamId, from + sizes[i]);
          }
        };

        await publishRound([2, 1, 3]);
        await harness.bus.subscribe({
          group: names.group('order'),
          categories: [category],
          handler: async (event) => {
            seen.get(event.streamId)?.push(sequenceOf(event));
          },
        });
        for (let round = 0; round < 4; round++) await publishRound([1, 2, 1]);

        const total = [...next.values()].reduce((a, b) => a + b, 0);
        await eventually(() => [...seen.values()].reduce((a, s) => a + s.length, 0) >= total, 'every event delivered');
        for (const streamId of streams) {
          const count = next.get(streamId) ?? 0;
          expect(seen.get(streamId)).toEqual(Array.from({ length: count }, (_, i) => i));
        }
      });
    });

    describe('when a handler fails transiently', () => {
      it('retries the event until it is handled and loses nothing', async () => {
        const category = names.category('flaky');
        const streamId = names.stream(category, 'a');
        const events = await publishNumbered(streamId, 0, 4);
        const flaky = events[1].id;
        const attempts = new Map<string, number>();
        const handled: string[] = [];

        await harness.bus.subscribe({
          group: names.group('flaky'),
          categories: [category],
          maxAttempts: 5,
          handler: async (event) => {
            const attempt = (attempts.get(event.id) ?? 0) + 1;
            attempts.set(event.id, attempt);
            if (event.id === flaky && attempt <= 2) throw new Error(`transient failure ${attempt}`);
            handled.push(event.id);
          },
        });

        await eventually(() => handled.length === events.length, 'every event handled');
        expect(handled).toEqual(events.map((e) => e.id));
        expect(attempts.get(flaky)).toBe(3);
        expect(await harness.deadLetters.list({ group: names.group('flaky') })).toEqual([]);
      });
    });

    describe('when a consumer is stopped mid-stream and started again', () => {
      it('continues from its checkpoint and an idempotent handler applies each event once', async () => {
        const category = names.category('restart');
        const streamId = names.stream(category, 'a');
        const group = names.group('restart');
        const events = await publishNumbered(streamId, 0, 20);
        const applied = new Set<string>();
        let effects = 0;
        const idempotent: EventHandler = async (event) => {
          if (applied.has(event.id)) return;
          applied.add(event.id);
          effects += 1;
        };

        const gate = newGate();
        const sixth = newGate();
        let firstRunDeliveries = 0;
        const first = await harness.bus.subscribe({
          group,
          categories: [category],
          handler: async (event) => {
            firstRunDeliveries += 1;
            if (firstRunDeliveries === 6) {
              sixth.open();
              await gate.wait();
            }
            await idempotent(event);
          },
        });
        await sixth.wait();
        const stopping = first.stop();
        gate.open();
        await stopping;
        const appliedBeforeRestart = effects;
        expect(appliedBeforeRestart).toBeGreaterThanOrEqual(6);
        expect(appliedBeforeRestart).toBeLessThan(events.length);

        const secondRun: string[] = [];
        await harness.bus.subscribe({
          group,
          categories: [category],
          handler: async (event) => {
            secondRun.push(event.id);
            await idempotent(event);
          },
        });

        await eventually(() => applied.size === events.length, 'every event applied');
        expect(effects).toBe(events.length);
        expect(secondRun).not.toContain(events[0].id);
        expect(secondRun.at(-1)).toBe(events.at(-1)?.id);
      });
    });

    describe('when an event fails every attempt', () => {
      it('dead-letters it with the error and the attempts, and handles the events after it', async () => {
        const category = names.category('poison');
        const streamId = names.stream(category, 'a');
        const group = names.group('poison');
        const events = await publishNumbered(streamId, 0, 4);
        const poison = events[1];
        let poisonAttempts = 0;
        const handled: string[] = [];

        await harness.bus.subscribe({
          group,
          categories: [category],
          maxAttempts: 3,
          handler: async (event) => {
            if (event.id === poison.id) {
              poisonAttempts += 1;
              throw new Error('cannot digest the poison event');
            }
            handled.push(event.id);
          },
        });

        await eventually(() => handled.length === 3, 'the events around the poison handled');
        expect(handled).toEqual([events[0].id, events[2].id, events[3].id]);
        expect(poisonAttempts).toBe(3);
        const deadLetters = await eventuallyValue(
          () => harness.deadLetters.list({ group }),
          (list) => list.length > 0,
          'the dead letter listed',
        );
        expect(deadLetters).toHaveLength(1);
        expect(deadLetters[0]).toMatchObject({
          group,
          attempts: 3,
          replayedAt: null,
          event: { id: poison.id, streamId, type: poison.type, data: poison.data },
        });
        expect(deadLetters[0].error).toContain('cannot digest the poison event');
        expect(await harness.deadLetters.list({ group: names.group('someone-else') })).toEqual([]);
      });

      it('replays the dead letter through the live handler once the cause is fixed, and marks it replayed', async () => {
        const category = names.category('replay');
        const group = names.group('replay');
        const [poison] = await publishNumbered(names.stream(category, 'a'), 0, 1);
        let fixed = false;
        const handled: string[] = [];
        await harness.bus.subscribe({
          group,
          categories: [category],
          maxAttempts: 2,
          handler: async (event) => {
            if (!fixed) throw new Error('missing reference data');
            handled.push(event.id);
          },
        });
        const [deadLetter] = await eventuallyValue(
          () => harness.deadLetters.list({ group }),
          (list) => list.length > 0,
          'the dead letter listed',
        );

        fixed = true;
        await harness.deadLetters.replay(deadLetter.id);

        expect(handled).toEqual([poison.id]);
        expect(await harness.deadLetters.list({ group })).toEqual([]);
        const [replayed] = await harness.deadLetters.list({ group, includeReplayed: true });
        expect(replayed.id).toBe(deadLetter.id);
        expect(replayed.replayedAt).not.toBeNull();
        await expect(harness.deadLetters.replay(deadLetter.id)).rejects.toBeInstanceOf(DeadLetterAlreadyReplayedError);
        expect(handled).toEqual([poison.id]);
      });

      it('refuses to replay a dead letter that does not exist', async () => {
        await expect(harness.deadLetters.replay(randomUUID())).rejects.toBeInstanceOf(DeadLetterNotFoundError);
      });

      it('keeps a dead letter whose replay fails again listed with the new error and one more attempt', async () => {
        const category = names.category('refail');
        const group = names.group('refail');
        await publishNumbered(names.stream(category, 'a'), 0, 1);
        let failure = 'first cause';
        await harness.bus.subscribe({
          group,
          categories: [category],
          maxAttempts: 2,
          handler: async () => {
            throw new Error(failure);
          },
        });
        const [deadLetter] = await eventuallyValue(
          () => harness.deadLetters.list({ group }),
          (list) => list.length > 0,
          'the dead letter listed',
        );

        failure = 'second cause';
        await expect(harness.deadLetters.replay(deadLetter.id)).rejects.toBeInstanceOf(DeadLetterReplayFailedError);

        const [stillFailed] = await harness.deadLetters.list({ group });
        expect(stillFailed).toMatchObject({ id: deadLetter.id, attempts: 3, replayedAt: null });
        expect(stillFailed.error).toContain('second cause');
      });

      it('refuses to replay a dead letter whose group has no live consumer', async () => {
        const category = names.category('orphan');
        const group = names.group('orphan');
        await publishNumbered(names.stream(category, 'a'), 0, 1);
        const consumer = await harness.bus.subscribe({
          group,
          categories: [category],
          maxAttempts: 1,
          handler: async () => {
            throw new Error('always broken');
          },
        });
        const [deadLetter] = await eventuallyValue(
          () => harness.deadLetters.list({ group }),
          (list) => list.length > 0,
          'the dead letter listed',
        );
        await consumer.stop();

        await expect(harness.deadLetters.replay(deadLetter.id)).rejects.toBeInstanceOf(NoLiveConsumerError);
        expect(await harness.deadLetters.list({ group })).toHaveLength(1);
      });
    });

    describe('when two groups follow the same categories', () => {
      it('delivers every event to each group', async () => {
        const category = names.category('fanout');
        const received = { a: [] as string[], b: [] as string[] };
        for (const key of ['a', 'b'] as const) {
          await harness.bus.subscribe({
            group: names.group(`fanout-${key}`),
            categories: [category],
            handler: async (event) => {
              received[key].push(event.id);
            },
          });
        }
        const events = [
          ...(await publishNumbered(names.stream(category, 'x'), 0, 5)),
          ...(await publishNumbered(names.stream(category, 'y'), 0, 5)),
        ];

        await eventually(() => received.a.length >= 10 && received.b.length >= 10, 'both groups received everything');
        const ids = events.map((e) => e.id).sort();
        expect([...received.a].sort()).toEqual(ids);
        expect([...received.b].sort()).toEqual(ids);
      });
    });

    describe('when a consumer names some categories', () => {
      it('receives only events of those categories', async () => {
        const [wanted, unwanted, alsoWanted] = ['wanted', 'unwanted', 'alsowanted'].map((c) => names.category(c));
        const received: EventEnvelope[] = [];
        const consumer = await harness.bus.subscribe({
          group: names.group('filter'),
          categories: [wanted, alsoWanted],
          handler: async (event) => {
            received.push(event);
          },
        });
        const expected: string[] = [];
        for (let i = 0; i < 3; i++) {
          expected.push(...(await publishNumbered(names.stream(wanted, 'a'), i, 1)).map((e) => e.id));
          await publishNumbered(names.stream(unwanted, 'a'), i, 1);
          expected.push(...(await publishNumbered(names.stream(alsoWanted, 'a'), i, 1)).map((e) => e.id));
        }
        const lastUnwanted = await lastPositionOf(harness, names, unwanted, names.stream(unwanted, 'b'));

        await consumer.waitFor(lastUnwanted, PATIENCE_MS);
        // Only the order within a stream is promised, so compare as sets.
        expect(received.map((e) => e.id).sort()).toEqual([...expected].sort());
        expect(received.every((e) => e.streamId.startsWith(`${wanted}-`) || e.streamId.startsWith(`${alsoWanted}-`))).toBe(true);
      });
    });

    describe('when someone waits for a position', () => {
      it('resolves only once the event at that position has been handled', async () => {
        const category = names.category('wait');
        const gate = newGate();
        const delivered = newGate();
        let deliveredPosition = 0;
        const applied: string[] = [];
        const consumer = await harness.bus.subscribe({
          group: names.group('wait'),
          categories: [category],
          handler: async (event) => {
            deliveredPosition = event.position;
            delivered.open();
            await gate.wait();
            applied.push(event.id);
          },
        });
        const [event] = await publishNumbered(names.stream(category, 'a'), 0, 1);
        await delivered.wait();

        let resolved = false;
        const waiting = consumer.waitFor(deliveredPosition, PATIENCE_MS).then(() => {
          resolved = true;
          return [...applied];
        });
        await sleep(50);
        expect(resolved).toBe(false);
        gate.open();

        expect(await waiting).toEqual([event.id]);
        expect(await consumer.position()).toBeGreaterThanOrEqual(deliveredPosition);
      });

      it('resolves at once for a position already handled', async () => {
        const category = names.category('waited');
        const positions: number[] = [];
        const consumer = await harness.bus.subscribe({
          group: names.group('waited'),
          categories: [category],
          handler: async (event) => {
            positions.push(event.position);
          },
        });
        await publishNumbered(names.stream(category, 'a'), 0, 2);
        await eventually(() => positions.length === 2, 'both events handled');
        await consumer.waitFor(positions[1], PATIENCE_MS);

        await expect(consumer.waitFor(positions[0], 1)).resolves.toBeUndefined();
      });

      it('counts a consumer as caught up when nothing of its categories lies before the position', async () => {
        const [mine, other] = ['mine', 'other'].map((c) => names.category(c));
        const received: string[] = [];
        const consumer = await harness.bus.subscribe({
          group: names.group('caughtup'),
          categories: [mine],
          handler: async (event) => {
            received.push(event.id);
          },
        });
        const otherPosition = await lastPositionOf(harness, names, other, names.stream(other, 'a'));

        await consumer.waitFor(otherPosition, PATIENCE_MS);
        expect(await consumer.position()).toBeGreaterThanOrEqual(otherPosition);
        expect(received).toEqual([]);
      });

      it('rejects after the timeout when the position is not reached', async () => {
        const category = names.category('stuck');
        const gate = newGate();
        const delivered = newGate();
        let position = 0;
        const consumer = await harness.bus.subscribe({
          group: names.group('stuck'),
          categories: [category],
          handler: async (event) => {
            position = event.position;
            delivered.open();
            await gate.wait();
          },
        });
        await publishNumbered(names.stream(category, 'a'), 0, 1);
        await delivered.wait();

        await expect(consumer.waitFor(position, 100)).rejects.toBeInstanceOf(WaitForTimeoutError);
        gate.open();
        await consumer.waitFor(position, PATIENCE_MS);
      });
    });
  });
}

/**
 * Publishes one event to `streamId` and learns its position through a throwaway consumer of
 * `category`: the harness's publish does not return positions, and a broker may number them itself.
 */
async function lastPositionOf(
  harness: MessageBusHarness,
  names: ReturnType<typeof uniqueNames>,
  category: string,
  streamId: string,
): Promise<number> {
  const marker = probeEvent(0);
  let position = 0;
  const probe: Consumer = await harness.bus.subscribe({
    group: names.group(`probe-${category}`),
    categories: [category],
    handler: async (event) => {
      if (event.id === marker.id) position = event.position;
    },
  });
  await harness.publish(streamId, [marker]);
  await eventually(() => position > 0, 'the marker event delivered to the probe');
  await probe.stop();
  return position;
}

function uniqueNames() {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  return {
    group: (name: string) => `conformance-${name}-${suffix}`,
    /** Categories are the prefix before the first '-', so they carry the suffix without a dash. */
    category: (name: string) => `${name}${suffix}`,
    stream: (category: string, id: string) => `${category}-conformance-${id}${suffix}`,
  };
}

function probeEvent(sequence: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'conformance.probe-recorded',
    schemaVersion: 1,
    tenantId: 'conformance',
    occurredAt: new Date().toISOString(),
    data: { sequence },
    metadata: {
      correlationId: randomUUID(),
      causationId: null,
      actor: { userId: 'conformance', role: 'system' },
      source: 'message-bus-conformance',
    },
  };
}

function sequenceOf(event: EventEnvelope): number {
  return (event.data as { sequence: number }).sequence;
}

/** A latch a handler can wait on, so a test controls when an event finishes. */
class Gate {
  private release!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  open(): void {
    this.release();
  }
  wait(): Promise<void> {
    return this.opened;
  }
}

async function eventually(condition: () => boolean, what: string): Promise<void> {
  await eventuallyValue(async () => condition(), (ok) => ok, what);
}

async function eventuallyValue<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${PATIENCE_MS} ms waiting for ${what}`);
    await sleep(5);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
