import { randomUUID } from 'node:crypto';
import * as Kurrent from '@kurrent/kurrentdb-client';
// The client's own decoding of what the server sends, and the protobuf message its batch append unpacks:
// the tests below feed them exactly what the client would, instead of guessing their output.
import { convertBridgeError } from '@kurrent/kurrentdb-client/dist/utils/convertBridgeError';
import { convertRustRecord } from '@kurrent/kurrentdb-client/dist/utils/convertRustEvent';
import { WrongExpectedVersion as WrongExpectedVersionDetails } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { NewEvent } from '@kinship/contracts';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../port/event-store.port';
import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  LogPositionOutOfRangeError,
  NO_STREAM,
  START,
  assertEventIds,
  categoryFilter,
  checkpointStreamOf,
  claimEventId,
  claimStreamOf,
  findRepeatedAppend,
  inCategories,
  isInternalStream,
  isKinshipEvent,
  isStreamNotFound,
  jsonEventData,
  kinshipStreamsFilter,
  logPositionOf,
  registryEventId,
  toEnvelope,
  toEventData,
  toLogPosition,
  toPortError,
  toReadPosition,
  toStreamState,
  toStreamVersion,
} from './kurrentdb-mapping';

const STREAM = 'resident-station1-r1';
const TWO_TO_53 = 2n ** 53n;

const newEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'registry.resident-registered',
  schemaVersion: 2,
  tenantId: 'station1',
  occurredAt: '2025-05-04T10:00:00.000Z',
  data: { name: '新市民 "Ada"', household: null, members: [1, 'two'] },
  metadata: { correlationId: 'corr-1', causationId: 'cause-1', actor: { userId: 'u-1', role: 'station-staff' }, source: 'registry' },
  ...overrides,
});

/** What the server hands the client for an appended event, decoded by the client as it decodes a read. */
function recordedAsRead(event: NewEvent, revision: bigint, position: bigint) {
  const sent = toEventData(event);
  return convertRustRecord({
    streamId: STREAM,
    id: sent.id,
    type: sent.type,
    isJson: sent.contentType === 'application/json',
    revision,
    created: Date.now(),
    data: new Uint8Array(Buffer.from(JSON.stringify(sent.data), 'utf8')),
    metadata: new Uint8Array(Buffer.from(JSON.stringify(sent.metadata), 'utf8')),
    position: { commit: position, prepare: position },
  });
}

describe('the KurrentDB mapping', () => {
  it("restates the client's constants exactly", () => {
    expect([ANY, NO_STREAM, START, END, FORWARDS, BACKWARDS]).toEqual([
      Kurrent.ANY,
      Kurrent.NO_STREAM,
      Kurrent.START,
      Kurrent.END,
      Kurrent.FORWARDS,
      Kurrent.BACKWARDS,
    ]);
  });

  describe('when an expected version becomes a stream state', () => {
    it("maps 'any' and 'no-stream' to the client's states and a version to the same revision", () => {
      expect(toStreamState(STREAM, 'any')).toBe(Kurrent.ANY);
      expect(toStreamState(STREAM, 'no-stream')).toBe(Kurrent.NO_STREAM);
      expect(toStreamState(STREAM, 0)).toBe(0n);
      expect(toStreamState(STREAM, 41)).toBe(41n);
    });

    it('refuses what is not a version', () => {
      for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) expect(() => toStreamState(STREAM, bad)).toThrow(RangeError);
    });
  });

  describe('when revisions and log positions become numbers', () => {
    it('keeps revisions as they are, up to what a JS number holds', () => {
      expect(toStreamVersion(STREAM, 0n)).toBe(0);
      expect(toStreamVersion(STREAM, TWO_TO_53 - 1n)).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => toStreamVersion(STREAM, TWO_TO_53)).toThrow(RangeError);
    });

    it('keeps commit positions below 2^53 and refuses larger ones with a clear error', () => {
      expect(toLogPosition(123_456_789n, 'here')).toBe(123_456_789);
      expect(toLogPosition(TWO_TO_53 - 1n, 'here')).toBe(Number.MAX_SAFE_INTEGER);
      const error = (() => {
        try {
          return toLogPosition(TWO_TO_53, 'Stream s');
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(LogPositionOutOfRangeError);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toBe(
        `Stream s: KurrentDB log position ${TWO_TO_53} does not fit a JS number exactly (max ${Number.MAX_SAFE_INTEGER})`,
      );
      expect(() => toLogPosition(-1n, 'here')).toThrow(LogPositionOutOfRangeError);
    });

    it("says that the server gave no position when it sends the unsigned -1", () => {
      expect(() => toLogPosition(2n ** 64n - 1n, 'Event e')).toThrow('Event e: KurrentDB gave no log position');
    });

    it('reads $all from the start for position 0 and from the event itself otherwise', () => {
      expect(toReadPosition(0)).toBe(Kurrent.START);
      expect(toReadPosition(1234)).toEqual({ commit: 1234n, prepare: 1234n });
      for (const bad of [-1, 0.5, 2 ** 53]) expect(() => toReadPosition(bad)).toThrow(RangeError);
    });

    it("takes an event's position from the event, else from the read, else refuses", () => {
      const recorded = recordedAsRead(newEvent(), 0n, 900n);
      expect(logPositionOf(recorded)).toBe(900);
      expect(logPositionOf({ ...recorded, position: undefined }, 901n)).toBe(901);
      expect(() => logPositionOf({ ...recorded, position: undefined })).toThrow(LogPositionOutOfRangeError);
    });
  });

  describe('when an event goes into KurrentDB and comes back', () => {
    it('keeps id, type and data as KurrentDB fields and the rest of the envelope in the metadata', () => {
      const event = newEvent();
      expect(toEventData(event)).toEqual({
        id: event.id,
        contentType: 'application/json',
        type: event.type,
        data: event.data,
        metadata: {
          tenantId: 'station1',
          schemaVersion: 2,
          occurredAt: event.occurredAt,
          metadata: event.metadata,
          $correlationId: 'corr-1',
          $causationId: 'cause-1',
        },
      });
    });

    it('leaves out $causationId when there is no cause, and stores absent data as null', () => {
      const sent = toEventData(newEvent({ data: undefined, metadata: { ...newEvent().metadata, causationId: null } }));
      expect(sent.data).toBeNull();
      expect(sent.metadata).not.toHaveProperty('$causationId');
    });

    it("builds what the client's jsonEvent() builds for the same id", () => {
      const id = randomUUID();
      expect(jsonEventData(id, 'kinship.test', { a: 1 }, { b: 2 })).toEqual(
        Kurrent.jsonEvent({ id, type: 'kinship.test', data: { a: 1 }, metadata: { b: 2 } }),
      );
    });

    it('reads back the envelope it wrote, with the revision as version and the commit position', () => {
      const event = newEvent();
      const recorded = recordedAsRead(event, 7n, 4096n);
      expect(toEnvelope(recorded, logPositionOf(recorded))).toEqual({ ...event, streamId: STREAM, streamVersion: 7, position: 4096 });
    });

    it('refuses events that a Kinship store did not write', () => {
      const recorded = recordedAsRead(newEvent(), 0n, 10n);
      expect(() => toEnvelope({ ...recorded, metadata: undefined }, 10)).toThrow(/was not written by a Kinship event store/);
      expect(() => toEnvelope({ ...recorded, metadata: { tenantId: 'station1' } }, 10)).toThrow(/was not written by a Kinship event store/);
      expect(() => toEnvelope({ ...recorded, isJson: false }, 10)).toThrow(/was not written by a Kinship event store/);
    });
  });

  describe('when event ids are checked before an append', () => {
    it('accepts distinct lowercase UUIDs', () => {
      expect(() => assertEventIds(STREAM, [newEvent(), newEvent()])).not.toThrow();
    });

    it('refuses ids KurrentDB cannot keep as given', () => {
      expect(() => assertEventIds(STREAM, [newEvent({ id: 'event-1' })])).toThrow(RangeError);
      expect(() => assertEventIds(STREAM, [newEvent({ id: randomUUID().toUpperCase() })])).toThrow(RangeError);
    });

    it('refuses the same id twice in one batch', () => {
      const event = newEvent();
      expect(() => assertEventIds(STREAM, [event, newEvent(), event])).toThrow(DuplicateEventIdError);
    });
  });

  describe('when the log is filtered', () => {
    it("asks the server for the streams of the categories as the client's prefix filter does", () => {
      expect(categoryFilter(['resident', 'case', 'resident'])).toEqual(Kurrent.streamNameFilter({ prefixes: ['resident-', 'case-'] }));
    });

    it('asks the server for every stream but the system ones and the store’s own', () => {
      const filter = kinshipStreamsFilter();
      expect(filter).toEqual(Kurrent.streamNameFilter({ regex: '^(?!\\$|kinship-)' }));
      // The server matches with .NET regular expressions; this pattern means the same in JavaScript.
      const matches = new RegExp((filter as { regex: string }).regex);
      expect(['resident-station1-r1', 'kinshipper-x-1', 'k-1'].every((stream) => matches.test(stream))).toBe(true);
      const excluded = ['$stats-127.0.0.1:2113', '$$resident-station1-r1', '$ce-resident', 'kinship-checkpoint-relay', claimStreamOf(randomUUID())];
      expect(excluded.some((stream) => matches.test(stream))).toBe(false);
    });

    it('keeps out system event types, system streams and the store’s own streams on the client side', () => {
      expect(isKinshipEvent({ streamId: STREAM, type: 'registry.resident-registered' })).toBe(true);
      expect(isKinshipEvent({ streamId: STREAM, type: '$streamDeleted' })).toBe(false);
      expect(isKinshipEvent({ streamId: '$$' + STREAM, type: '$metadata' })).toBe(false);
      expect(isKinshipEvent({ streamId: checkpointStreamOf('relay'), type: 'kinship.checkpoint-stored' })).toBe(false);
    });

    it('keeps a stream when its category is one of those asked for, or when none are', () => {
      expect(inCategories(STREAM, new Set(['resident']))).toBe(true);
      expect(inCategories(STREAM, new Set(['res']))).toBe(false);
      expect(inCategories(STREAM, undefined)).toBe(true);
    });
  });

  describe('when the client reports a version conflict', () => {
    const expectConflict = (error: unknown, actual: number | 'no-stream') => {
      const mapped = toPortError(STREAM, 0, error);
      expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
      expect(mapped).toMatchObject({ name: 'WrongExpectedVersionError', streamId: STREAM, expected: 0, actual });
    };

    it('maps the error of a plain append, with the current revision or no stream', () => {
      expectConflict(new Kurrent.WrongExpectedVersionError(undefined, { streamName: STREAM, expected: 0n, current: 3n }), 3);
      const none = new Kurrent.WrongExpectedVersionError(undefined, { streamName: STREAM, expected: 0n, current: Kurrent.NO_STREAM });
      expectConflict(none, 'no-stream');
    });

    it('maps the error a batch append unpacks from the server’s details', () => {
      const details = new WrongExpectedVersionDetails();
      details.setExpectedStreamPosition('0');
      details.setCurrentStreamRevision('4');
      expectConflict(Kurrent.WrongExpectedVersionError.fromWrongExpectedVersion(details, STREAM), 4);
      const none = new WrongExpectedVersionDetails();
      none.setExpectedStreamPosition('0');
      expectConflict(Kurrent.WrongExpectedVersionError.fromWrongExpectedVersion(none, STREAM), 'no-stream');
    });

    it('maps the revision conflict of the newer append API', () => {
      expectConflict(Kurrent.WrongExpectedVersionError.fromRevisionConflict({ stream: STREAM, expectedRevision: '0', actualRevision: '2' }), 2);
      const none = Kurrent.WrongExpectedVersionError.fromRevisionConflict({ stream: STREAM, expectedRevision: '0', actualRevision: '-1' });
      expectConflict(none, 'no-stream');
    });

    it('maps the error the client makes of a gRPC failure, -1 meaning no stream', () => {
      const serviceError = (actual: string | undefined) =>
        Object.assign(new Error('9 FAILED_PRECONDITION: Wrong expected version'), {
          code: 9,
          details: 'Wrong expected version',
          metadata: {
            getMap: () => ({
              exception: 'wrong-expected-version',
              'stream-name': STREAM,
              'expected-version': '0',
              ...(actual === undefined ? {} : { 'actual-version': actual }),
            }),
          },
        });
      expectConflict(Kurrent.convertToCommandError(serviceError('5')), 5);
      expectConflict(Kurrent.convertToCommandError(serviceError('-1')), 'no-stream');
      expectConflict(Kurrent.convertToCommandError(serviceError(undefined)), 'no-stream');
    });

    it('passes every other error on unchanged', () => {
      const deleted = Kurrent.StreamDeletedError.fromStreamName(STREAM);
      const plain = new Error('connection reset');
      expect(toPortError(STREAM, 0, deleted)).toBe(deleted);
      expect(toPortError(STREAM, 0, plain)).toBe(plain);
    });

    it('recognises a stream that is not there, as the client reports it from a read', () => {
      const fromBridge = convertBridgeError(Object.assign(new Error('stream not found'), { name: 'StreamNotFoundError' }), STREAM);
      expect(isStreamNotFound(fromBridge)).toBe(true);
      expect(isStreamNotFound(new Kurrent.StreamNotFoundError(undefined, STREAM))).toBe(true);
      expect(isStreamNotFound(Kurrent.StreamDeletedError.fromStreamName(STREAM))).toBe(false);
    });
  });

  describe("when an append with expected version 'any' is made again", () => {
    const [a, b, c, d] = [newEvent(), newEvent(), newEvent(), newEvent()];
    const history = [a, b, c].map((event, version) => ({ id: event.id, streamVersion: version, position: 100 * (version + 1) }));

    it('finds the batch where it was appended and answers what that append answered', () => {
      expect(findRepeatedAppend(STREAM, history, [b, c])).toEqual({ nextExpectedVersion: 2, lastPosition: 300 });
      expect(findRepeatedAppend(STREAM, history, [a])).toEqual({ nextExpectedVersion: 0, lastPosition: 100 });
    });

    it('treats a batch none of whose ids is stored as new', () => {
      expect(findRepeatedAppend(STREAM, history, [d])).toBeNull();
      expect(findRepeatedAppend(STREAM, [], [d])).toBeNull();
    });

    it('refuses a batch whose ids are stored but not as this batch', () => {
      expect(() => findRepeatedAppend(STREAM, history, [b, d])).toThrow(DuplicateEventIdError);
      expect(() => findRepeatedAppend(STREAM, history, [c, d])).toThrow(DuplicateEventIdError);
      expect(() => findRepeatedAppend(STREAM, history, [d, a])).toThrow(DuplicateEventIdError);
      expect(() => findRepeatedAppend(STREAM, history, [a, c])).toThrow(DuplicateEventIdError);
    });
  });

  describe('when the store names its own streams and events', () => {
    it('claims an id with the same claim event id from the same stream and another from any other stream', () => {
      const id = randomUUID();
      expect(claimEventId(STREAM, id)).toBe(claimEventId(STREAM, id));
      expect(claimEventId(STREAM, id)).not.toBe(claimEventId('resident-station1-r2', id));
      expect(claimEventId(STREAM, id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(claimStreamOf(id)).toBe(`kinship-event-id-${id}`);
    });

    it('registers a checkpoint name with one id per name', () => {
      expect(registryEventId('relay')).toBe(registryEventId('relay'));
      expect(registryEventId('relay')).not.toBe(registryEventId('projector'));
    });

    it('keeps checkpoints and claims in streams no aggregate may use', () => {
      expect(checkpointStreamOf('registry-relay')).toBe('kinship-checkpoint-registry-relay');
      expect(() => checkpointStreamOf('')).toThrow(RangeError);
      expect(isInternalStream(checkpointStreamOf('x'))).toBe(true);
      expect(isInternalStream(claimStreamOf(randomUUID()))).toBe(true);
      expect(isInternalStream(STREAM)).toBe(false);
    });
  });
});
