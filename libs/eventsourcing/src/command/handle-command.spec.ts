import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineEvent } from '@kinship/contracts';
import { assertNever, Decider, DomainError } from '../decider/decider';
import { WrongExpectedVersionError } from '../port/event-store.port';
import { deterministicUuid, isUuid, uuidv7Timestamp } from '../ids/uuidv7';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { EventWritingMetadata, fold, handleCommand } from './handle-command';

// A tiny volunteer shift, local to this spec: opening is not commutative, logging hours is.
const ShiftOpened = defineEvent('test.shift-opened', 3, z.object({ shiftId: z.string() }));
const HoursLogged = defineEvent('test.hours-logged', 1, z.object({ volunteerId: z.string(), hours: z.number() }));
const ShiftClosed = defineEvent('test.shift-closed', 1, z.object({}));
const contracts = [ShiftOpened, HoursLogged, ShiftClosed];

type ShiftEvent =
  | { type: 'test.shift-opened'; data: { shiftId: string } }
  | { type: 'test.hours-logged'; data: { volunteerId: string; hours: number } }
  | { type: 'test.shift-closed'; data: Record<string, never> };
type ShiftCommand =
  | { type: 'OpenShift'; shiftId: string }
  | { type: 'LogHours'; volunteerId: string; hours: number }
  | { type: 'CloseShift' }
  | { type: 'LogNothing' };
interface ShiftState {
  status: 'none' | 'open' | 'closed';
  hours: number;
}

const shift: Decider<ShiftCommand, ShiftState, ShiftEvent> = {
  initialState: () => ({ status: 'none', hours: 0 }),
  decide(command, state) {
    switch (command.type) {
      case 'OpenShift':
        if (state.status !== 'none') throw new DomainError('shift-already-opened', 'The shift is already open', 409);
        return [{ type: 'test.shift-opened', data: { shiftId: command.shiftId } }];
      case 'LogHours':
        if (state.status !== 'open') throw new DomainError('shift-not-open', 'The shift is not open', 409);
        return [{ type: 'test.hours-logged', data: { volunteerId: command.volunteerId, hours: command.hours } }];
      case 'CloseShift':
        if (state.status !== 'open') throw new DomainError('shift-not-open', 'The shift is not open', 409);
        return [{ type: 'test.shift-closed', data: {} }];
      case 'LogNothing':
        return [];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'test.shift-opened':
        return { ...state, status: 'open' };
      case 'test.hours-logged':
        return { ...state, hours: state.hours + event.data.hours };
      case 'test.shift-closed':
        return { ...state, status: 'closed' };
      default:
        return assertNever(event);
    }
  },
};

const metadata: EventWritingMetadata = {
  now: '2025-04-01T09:30:00.000Z',
  actor: { userId: 'staff-1', role: 'station-staff' },
  correlationId: 'corr-42',
  tenantId: 'station1',
  source: 'volunteering',
};

describe('handleCommand', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kinship-handle-command-'));
  const store = new SqliteEventStore({ filename: join(directory, 'events.db') });
  const freshShift = () => `shift-station1-${randomUUID()}`;
  const run = (streamId: string, command: ShiftCommand, extra: Partial<Parameters<typeof handleCommand>[0]> = {}) =>
    handleCommand({ store, streamId, decider: shift, command, metadata, schemaVersions: contracts, ...extra });

  afterAll(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  describe('when the stream does not exist yet', () => {
    it('appends the decided events as envelopes built from the metadata', async () => {
      const streamId = freshShift();
      const result = await run(streamId, { type: 'OpenShift', shiftId: 's-1' });

      expect(result.nextExpectedVersion).toBe(0);
      expect(result.alreadyHandled).toBe(false);
      const [stored] = await store.readStream(streamId);
      expect(result.lastPosition).toBe(stored.position);
      expect(stored).toEqual({
        id: result.events[0].id,
        type: 'test.shift-opened',
        schemaVersion: 3,
        streamId,
        streamVersion: 0,
        position: result.lastPosition,
        tenantId: 'station1',
        occurredAt: '2025-04-01T09:30:00.000Z',
        data: { shiftId: 's-1' },
        metadata: { correlationId: 'corr-42', causationId: null, actor: { userId: 'staff-1', role: 'station-staff' }, source: 'volunteering' },
      });
      expect(uuidv7Timestamp(stored.id)).toBeGreaterThan(0);
    });
  });

  describe('when the stream has events', () => {
    it('decides on the state folded from them and appends after the version read', async () => {
      const streamId = freshShift();
      await run(streamId, { type: 'OpenShift', shiftId: 's-1' });
      await run(streamId, { type: 'LogHours', volunteerId: 'v-1', hours: 2 });
      const closed = await run(streamId, { type: 'CloseShift' }, { metadata: { ...metadata, causationId: 'event-7' } });

      expect(closed.nextExpectedVersion).toBe(2);
      const events = await store.readStream(streamId);
      expect(events.map((event) => event.type)).toEqual(['test.shift-opened', 'test.hours-logged', 'test.shift-closed']);
      expect(events[2].metadata.causationId).toBe('event-7');
    });

    it('rethrows the domain error and appends nothing', async () => {
      const streamId = freshShift();
      await run(streamId, { type: 'OpenShift', shiftId: 's-1' });
      await expect(run(streamId, { type: 'OpenShift', shiftId: 's-1' })).rejects.toMatchObject({ code: 'shift-already-opened' });
      expect(await store.readStream(streamId)).toHaveLength(1);
    });

    it('appends nothing when nothing was decided and reports where the stream stands', async () => {
      const streamId = freshShift();
      const opened = await run(streamId, { type: 'OpenShift', shiftId: 's-1' });
      const result = await run(streamId, { type: 'LogNothing' });
      expect(result).toEqual({ events: [], nextExpectedVersion: 0, lastPosition: opened.lastPosition, alreadyHandled: false });
    });
  });

  describe('when another command appends to the stream in between', () => {
    it('answers a command that is not commutative with the version conflict', async () => {
      const streamId = freshShift();
      await run(streamId, { type: 'OpenShift', shiftId: 's-1' });
      const outcomes = await Promise.allSettled([run(streamId, { type: 'CloseShift' }), run(streamId, { type: 'CloseShift' })]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(failure?.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('decides a commutative command again on the fresh state', async () => {
      const streamId = freshShift();
      await run(streamId, { type: 'OpenShift', shiftId: 's-1' });
      const logs = await Promise.all(
        [1, 2, 3].map((hours) => run(streamId, { type: 'LogHours', volunteerId: `v-${hours}`, hours }, { commutative: true })),
      );
      expect(logs.map((log) => log.nextExpectedVersion).sort()).toEqual([1, 2, 3]);
      expect(fold(shift, (await store.readStream(streamId)) as unknown as ShiftEvent[]).hours).toBe(6);
    });

    it('gives up on a commutative command after the retries allowed', async () => {
      const streamId = freshShift();
      await run(streamId, { type: 'OpenShift', shiftId: 's-1' });
      const outcomes = await Promise.allSettled(
        [1, 2, 3].map((hours) => run(streamId, { type: 'LogHours', volunteerId: 'v-1', hours }, { commutative: true, retries: 1 })),
      );
      const failures = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(failures).toHaveLength(1);
      expect(failures[0].reason).toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(streamId)).toHaveLength(3);
    });
  });

  describe('when the caller gives the event ids', () => {
    it('appends the events under those ids', async () => {
      const streamId = freshShift();
      const id = randomUUID();
      const result = await run(streamId, { type: 'OpenShift', shiftId: 's-1' }, { eventIds: [id] });
      expect(result.events.map((event) => event.id)).toEqual([id]);
      expect((await store.readStream(streamId)).map((event) => event.id)).toEqual([id]);
    });

    it('treats a second delivery of the same command as handled and appends nothing', async () => {
      const streamId = freshShift();
      const causingEventId = randomUUID();
      const eventIds = (index: number) => deterministicUuid(causingEventId, `open-shift/${index}`);
      const first = await run(streamId, { type: 'OpenShift', shiftId: 's-1' }, { eventIds });
      await run(streamId, { type: 'LogHours', volunteerId: 'v-1', hours: 1 });

      const again = await run(streamId, { type: 'OpenShift', shiftId: 's-1' }, { eventIds });

      expect(again).toEqual({ ...first, alreadyHandled: true });
      expect(isUuid(again.events[0].id)).toBe(true);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('recognises a redelivery given as a list of ids even when other events followed it', async () => {
      const streamId = freshShift();
      const eventIds = [randomUUID()];
      const first = await run(streamId, { type: 'OpenShift', shiftId: 's-1' }, { eventIds });
      await run(streamId, { type: 'LogHours', volunteerId: 'v-1', hours: 1 });

      const again = await run(streamId, { type: 'OpenShift', shiftId: 's-1' }, { eventIds });

      expect(again).toEqual({ ...first, alreadyHandled: true });
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('refuses to append when the command decides more events than ids were given', async () => {
      const streamId = freshShift();
      await expect(run(streamId, { type: 'OpenShift', shiftId: 's-1' }, { eventIds: [] })).rejects.toBeInstanceOf(RangeError);
      expect(await store.readStream(streamId)).toEqual([]);
    });
  });

  describe('when an event cannot be written as decided', () => {
    it('refuses an event type without a contract', async () => {
      const streamId = freshShift();
      await expect(run(streamId, { type: 'OpenShift', shiftId: 's-1' }, { schemaVersions: [HoursLogged] })).rejects.toThrow(
        'No contract for event type test.shift-opened',
      );
      expect(await store.readStream(streamId)).toEqual([]);
    });

    it('takes schema versions from a lookup function as well', async () => {
      const streamId = freshShift();
      await run(streamId, { type: 'OpenShift', shiftId: 's-1' }, { schemaVersions: () => 9 });
      expect((await store.readStream(streamId))[0].schemaVersion).toBe(9);
    });

    it('refuses an actor role that does not exist', async () => {
      const streamId = freshShift();
      const badActor = { ...metadata, actor: { userId: 'u', role: 'janitor' } };
      await expect(run(streamId, { type: 'OpenShift', shiftId: 's-1' }, { metadata: badActor })).rejects.toBeInstanceOf(TypeError);
      expect(await store.readStream(streamId)).toEqual([]);
    });
  });
});

describe('fold', () => {
  it('applies the events in order to the initial state', () => {
    const state = fold(shift, [
      { type: 'test.shift-opened', data: { shiftId: 's-1' } },
      { type: 'test.hours-logged', data: { volunteerId: 'v-1', hours: 2 } },
      { type: 'test.hours-logged', data: { volunteerId: 'v-2', hours: 1.5 } },
      { type: 'test.shift-closed', data: {} },
    ]);
    expect(state).toEqual({ status: 'closed', hours: 3.5 });
  });

  it('returns the initial state for no events', () => {
    expect(fold(shift, [])).toEqual({ status: 'none', hours: 0 });
  });
});
