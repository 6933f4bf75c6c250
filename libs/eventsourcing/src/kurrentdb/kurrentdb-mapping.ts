import { createHash } from 'node:crypto';
import type * as Kurrent from '@kurrent/kurrentdb-client';
import type { AppendStreamState, CurrentStreamState, ErrorType, EventData, Filter, JSONType, ReadPosition } from '@kurrent/kurrentdb-client';
import { EventEnvelope, EventMetadata, NewEvent, streamCategory } from '@kinship/contracts';
import { AppendResult, DuplicateEventIdError, ExpectedVersion, WrongExpectedVersionError } from '../port/event-store.port';

// Pure translations between the event store port and KurrentDB's client, kept apart from the I/O so
// that every one of them is tested without a server.

// The client's constants, restated (and type-checked against it) so that importing the adapter does not
// load the client, which brings gRPC and a native addon into every process that imports this library.
export const ANY: typeof Kurrent.ANY = 'any';
export const NO_STREAM: typeof Kurrent.NO_STREAM = 'no_stream';
export const START: typeof Kurrent.START = 'start';
export const END: typeof Kurrent.END = 'end';
export const FORWARDS: typeof Kurrent.FORWARDS = 'forwards';
export const BACKWARDS: typeof Kurrent.BACKWARDS = 'backwards';
const WRONG_EXPECTED_VERSION: `${ErrorType.WRONG_EXPECTED_VERSION}` = 'wrong-expected-version';
const STREAM_NAME: typeof Kurrent.STREAM_NAME = 'streamName';
const STREAM_NOT_FOUND: `${ErrorType.STREAM_NOT_FOUND}` = 'stream-not-found';

/** Streams the adapter writes for itself (checkpoints, event-id claims); no Kinship aggregate may use it. */
export const INTERNAL_STREAM_PREFIX = 'kinship-';
/** Lists the names of every checkpoint ever stored, so that `list()` need not scan the log. */
export const CHECKPOINT_REGISTRY_STREAM = `${INTERNAL_STREAM_PREFIX}checkpoints`;

/** What the server sends for "no position": -1 as an unsigned 64-bit integer. */
const U64_MAX = 2n ** 64n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A KurrentDB log position that a `number` cannot hold (positions are byte offsets, far below 2^53 in practice), or none at all. */
export class LogPositionOutOfRangeError extends RangeError {
  override readonly name = 'LogPositionOutOfRangeError';
  constructor(
    readonly commitPosition: bigint,
    where: string,
  ) {
    super(
      commitPosition === U64_MAX
        ? `${where}: KurrentDB gave no log position (servers before 22.6 leave it out of stream reads)`
        : `${where}: KurrentDB log position ${commitPosition} does not fit a JS number exactly (max ${Number.MAX_SAFE_INTEGER})`,
    );
  }
}

/** The append condition KurrentDB checks for an expected version of the port. */
export function toStreamState(streamId: string, expected: ExpectedVersion): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream') return NO_STREAM;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`Stream ${streamId}: expected version ${expected} is not a version (an integer from 0)`);
  }
  return BigInt(expected);
}

/** A stream revision (KurrentDB numbers events from 0, as the port does) as a port version. */
export function toStreamVersion(streamId: string, revision: bigint): number {
  if (revision < 0n || revision > MAX_SAFE) throw new RangeError(`Stream ${streamId}: revision ${revision} is not a version a JS number holds`);
  return Number(revision);
}

/** A commit position of `$all` as the port's global position. */
export function toLogPosition(commitPosition: bigint, where: string): number {
  if (commitPosition < 0n || commitPosition > MAX_SAFE) throw new LogPositionOutOfRangeError(commitPosition, where);
  return Number(commitPosition);
}

/** Refuses a port position that no log position can be: not an integer, negative, or beyond 2^53. */
export function assertLogPosition(position: number): void {
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`Position ${position} is not a log position (an integer from 0)`);
}

/**
 * Where a forward read of `$all` starts for the port's exclusive `fromPosition`. Every event written
 * without an explicit transaction (all of ours) has commit = prepare = its own log position, and a
 * read from there includes it: the caller drops the event at exactly this position.
 */
export function toReadPosition(position: number): ReadPosition {
  assertLogPosition(position);
  if (position === 0) return START;
  const at = BigInt(position);
  return { commit: at, prepare: at };
}

/**
 * Refuses what KurrentDB cannot store or would store wrongly: ids that are not lowercase UUIDs (the
 * server keeps ids as UUIDs and gives them back in this form) and one id twice in a batch.
 */
export function assertEventIds(streamId: string, events: readonly NewEvent[]): void {
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new RangeError(`Stream ${streamId}: event id ${event.id} is not a lowercase UUID, which KurrentDB requires`);
    if (seen.has(event.id)) throw new DuplicateEventIdError(streamId, event.id);
    seen.add(event.id);
  }
}

/** What the envelope keeps in KurrentDB's event metadata (the rest maps onto KurrentDB's own fields). */
interface StoredMetadata {
  tenantId: string;
  schemaVersion: number;
  occurredAt: string;
  metadata: EventMetadata;
  // KurrentDB's own conventions: its `$by_correlation_id` projection and its tools read these two.
  $correlationId?: string;
  $causationId?: string;
}

/** A port event as a KurrentDB JSON event: the same id and type, the data as JSON, the rest as metadata. */
export function toEventData(event: NewEvent): EventData {
  const metadata: StoredMetadata = {
    tenantId: event.tenantId,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    metadata: event.metadata,
    $correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId === null ? {} : { $causationId: event.metadata.causationId }),
  };
  // JSON.stringify(undefined) yields no text at all; null is the JSON the other adapters store for it.
  return jsonEventData(event.id, event.type, event.data === undefined ? null : event.data, metadata);
}

/** A JSON event for the client, as its jsonEvent() builds one but with the id always given. */
export function jsonEventData(id: string, type: string, data: unknown, metadata?: object): EventData {
  return {
    id,
    contentType: 'application/json',
    type,
    data: data as JSONType,
    metadata: metadata as JSONType | undefined,
  };
}

/** The fields of a recorded KurrentDB event the adapter reads (the client's RecordedEvent has them all). */
export interface KurrentRecordedEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: { commit: bigint; prepare: bigint };
}

/** The `$all` position of a recorded event, from the event itself or else from the read's commit position. */
export function logPositionOf(recorded: KurrentRecordedEvent, commitPosition?: bigint): number {
  const where = `Event ${recorded.id} in stream ${recorded.streamId}`;
  const commit = recorded.position?.commit ?? commitPosition;
  if (commit === undefined) throw new LogPositionOutOfRangeError(U64_MAX, where);
  return toLogPosition(commit, where);
}

/** A recorded KurrentDB event as the port's envelope (before upcasting); refuses events Kinship did not write. */
export function toEnvelope(recorded: KurrentRecordedEvent, position: number): EventEnvelope {
  const stored = recorded.metadata as Partial<StoredMetadata> | undefined;
  if (
    !recorded.isJson ||
    typeof stored !== 'object' ||
    stored === null ||
    typeof stored.tenantId !== 'string' ||
    typeof stored.schemaVersion !== 'number' ||
    typeof stored.occurredAt !== 'string' ||
    typeof stored.metadata !== 'object' ||
    stored.metadata === null
  ) {
    throw new Error(`Event ${recorded.id} in stream ${recorded.streamId} (${recorded.type}) was not written by a Kinship event store`);
  }
  return {
    id: recorded.id,
    type: recorded.type,
    schemaVersion: stored.schemaVersion,
    streamId: recorded.streamId,
    streamVersion: toStreamVersion(recorded.streamId, recorded.revision),
    position,
    tenantId: stored.tenantId,
    occurredAt: stored.occurredAt,
    data: recorded.data,
    metadata: stored.metadata,
  };
}

/** True for an event of a Kinship stream: not a system event or stream of the server, not one of the adapter's own. */
export function isKinshipEvent(recorded: Pick<KurrentRecordedEvent, 'streamId' | 'type'>): boolean {
  return !recorded.type.startsWith('$') && !recorded.streamId.startsWith('$') && !isInternalStream(recorded.streamId);
}

/** True for the streams the adapter keeps for itself. */
export function isInternalStream(streamId: string): boolean {
  return streamId.startsWith(INTERNAL_STREAM_PREFIX);
}

/** The server-side filter of a read of `$all` in some categories: the streams named `<category>-…`. */
export function categoryFilter(categories: readonly string[]): Filter {
  return { filterOn: STREAM_NAME, checkpointInterval: 1, prefixes: [...new Set(categories)].map((category) => `${category}-`) };
}

/** The server-side filter of a read of every Kinship event: no system streams (`$…`), none of the adapter's own. */
export function kinshipStreamsFilter(): Filter {
  const internal = INTERNAL_STREAM_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { filterOn: STREAM_NAME, checkpointInterval: 1, regex: `^(?!\\$|${internal})` };
}

/** True when a recorded event belongs to one of `categories` (all when undefined). */
export function inCategories(streamId: string, categories: ReadonlySet<string> | undefined): boolean {
  return categories === undefined || categories.has(streamCategory(streamId));
}

/** The port's view of the stream state KurrentDB reports in a version conflict (a negative revision also means none). */
export function toActualVersion(streamId: string, actual: CurrentStreamState): number | 'no-stream' {
  if (actual === NO_STREAM || actual < 0n) return 'no-stream';
  return toStreamVersion(streamId, actual);
}

/**
 * The port's error for a failed append: a version conflict of the client (whichever of its paths made it:
 * gRPC metadata, the batch-append details, or the v2 revision conflict) becomes WrongExpectedVersionError;
 * anything else is returned as it is.
 */
export function toPortError(streamId: string, expected: ExpectedVersion, error: unknown): unknown {
  if (!isClientVersionConflict(error)) return error;
  return new WrongExpectedVersionError(streamId, expected, toActualVersion(streamId, error.actualState));
}

/** True for the client's version-conflict error, whichever of its code paths raised it. */
export function isClientVersionConflict(error: unknown): error is { actualState: CurrentStreamState } {
  // By `type`, not `instanceof`: the client's classes may come from another copy of the module.
  return (error as { type?: unknown } | null)?.type === WRONG_EXPECTED_VERSION;
}

/** True for the client's "stream not found" error of a read. */
export function isStreamNotFound(error: unknown): boolean {
  return (error as { type?: unknown } | null)?.type === STREAM_NOT_FOUND;
}

/** An event of a stream as the repeated-append check needs it. */
export interface StoredEventRef {
  id: string;
  streamVersion: number;
  position: number;
}

/**
 * For an append with expected version `any`, which KurrentDB deduplicates only while the ids sit in its
 * cache: a retry finds its batch, in order, somewhere in the stream, and gets the first append's result.
 * An id of the batch found anywhere else in the stream makes the append neither new nor a repeat.
 */
export function findRepeatedAppend(streamId: string, history: readonly StoredEventRef[], events: readonly NewEvent[]): AppendResult | null {
  const start = history.findIndex((stored) => stored.id === events[0].id);
  if (start >= 0) {
    const stored = history.slice(start, start + events.length);
    if (stored.length === events.length && stored.every((event, i) => event.id === events[i].id)) {
      const last = stored[stored.length - 1];
      return { nextExpectedVersion: last.streamVersion, lastPosition: last.position };
    }
  }
  const ids = new Set(history.map((stored) => stored.id));
  const clash = events.find((event) => ids.has(event.id));
  if (clash) throw new DuplicateEventIdError(streamId, clash.id);
  return null;
}

/** The stream that holds the claim of one event id (see KurrentDbEventStore). */
export function claimStreamOf(eventId: string): string {
  return `${INTERNAL_STREAM_PREFIX}event-id-${eventId}`;
}

/**
 * The id of the claim event that `streamId` writes for `eventId`: the same for every retry from that
 * stream (so KurrentDB treats the retry as a repeat), different for any other stream (so it conflicts).
 */
export function claimEventId(streamId: string, eventId: string): string {
  return nameBasedUuid(`event-id-claim\n${streamId}\n${eventId}`);
}

/** The id of the registry entry of a checkpoint name: one per name, so a repeated registration is a repeat. */
export function registryEventId(name: string): string {
  return nameBasedUuid(`checkpoint\n${name}`);
}

function nameBasedUuid(name: string): string {
  const bytes = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  // RFC 9562 version 8 (custom) and variant bits: a valid UUID, not mistaken for a random or a time-based one.
  bytes[6] = 0x80 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The stream that holds one subscriber's checkpoint (only its last event is kept). */
export function checkpointStreamOf(name: string): string {
  if (name.length === 0) throw new RangeError('A checkpoint needs a name');
  return `${INTERNAL_STREAM_PREFIX}checkpoint-${name}`;
}
