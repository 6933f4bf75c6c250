import { Actor, EventContract, EventEnvelope, EventMetadata, NewEvent, ROLES } from '@kinship/contracts';
import { CommandMetadata, Decider } from '../decider/decider';
import { EventStore, ExpectedVersion, WrongExpectedVersionError } from '../port/event-store.port';
import { uuidv7 } from '../ids/uuidv7';

/** What a decider emits: a discriminated union member `{ type, data }`. */
export interface DecidedEvent {
  type: string;
  data: unknown;
}

/** Folds events into state from the decider's initial state. Pure. */
export function fold<State, Event>(decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>, events: Iterable<Event>): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** The current schema version of each event type: a lookup function or the list of contracts. */
export type SchemaVersions = ((type: string) => number) | readonly EventContract[];

/** Turns a contract list into a lookup that refuses event types it does not know. */
export function schemaVersionsOf(schemaVersions: SchemaVersions): (type: string) => number {
  if (typeof schemaVersions === 'function') return schemaVersions;
  const byType = new Map(schemaVersions.map((contract) => [contract.type, contract.schemaVersion]));
  return (type) => {
    const version = byType.get(type);
    if (version === undefined) throw new TypeError(`No contract for event type ${type}`);
    return version;
  };
}

/** The command's metadata plus what the events need beyond it: who wrote them and what caused them. */
export interface EventWritingMetadata extends CommandMetadata {
  /** The service or process manager writing the events, e.g. `registry`. */
  source: string;
  /** The id of the event that caused this command (process managers); null for a user's request. */
  causationId?: string | null;
}

export interface HandleCommandOptions<Command, State, Event extends DecidedEvent> {
  store: EventStore;
  streamId: string;
  decider: Decider<Command, State, Event>;
  command: Command;
  metadata: EventWritingMetadata;
  schemaVersions: SchemaVersions;
  /**
   * Ids for the new events, for commands that may be delivered more than once (process managers derive
   * them from the causing event with `deterministicUuid`). When the stream already holds the first id,
   * the command counts as handled and nothing is decided again. UUIDv7s are made when omitted.
   */
  eventIds?: readonly string[] | ((index: number) => string);
  /**
   * Only for commands whose outcome does not depend on events appended concurrently (e.g. logging
   * hours): a version conflict then reloads and decides again, up to `retries` times (default 3).
   */
  commutative?: boolean;
  retries?: number;
  /**
   * The stream version the caller read before building the command (e.g. a document re-encrypted from that
   * read): if the stream has moved on since, the command fails with a version conflict instead of writing
   * something built from a stale read over a newer change.
   */
  expectedVersion?: number;
}

export interface CommandResult {
  /** The events this command appended (empty when the decider decided nothing). */
  events: NewEvent[];
  /** The stream's version after the command (-1 when the stream still does not exist). */
  nextExpectedVersion: number;
  /** The global position of the stream's last event, for read-your-writes (0 when the stream is empty). */
  lastPosition: number;
  /** True when the stream already held these event ids: an earlier delivery handled the command. */
  alreadyHandled: boolean;
}

/**
 * Runs one command (DESIGN §2): load the stream, fold, decide, append with the version read. A version
 * conflict is rethrown unless the command is commutative; a domain error from `decide` always is.
 */
export async function handleCommand<Command, State, Event extends DecidedEvent>(
  options: HandleCommandOptions<Command, State, Event>,
): Promise<CommandResult> {
  const retries = options.commutative ? (options.retries ?? 3) : 0;
  const schemaVersionOf = schemaVersionsOf(options.schemaVersions);
  const idAt = eventIdSource(options.eventIds);
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await attemptCommand(options, schemaVersionOf, idAt);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= retries) throw error;
    }
  }
}

async function attemptCommand<Command, State, Event extends DecidedEvent>(
  options: HandleCommandOptions<Command, State, Event>,
  schemaVersionOf: (type: string) => number,
  idAt: (index: number) => string,
): Promise<CommandResult> {
  const { store, streamId, decider, metadata } = options;
  const history = await store.readStream(streamId);
  const last = history.at(-1);
  const version = last?.streamVersion ?? -1;

  if (options.eventIds !== undefined) {
    const earlier = earlierDelivery(history, idAt, typeof options.eventIds === 'function' ? Infinity : options.eventIds.length);
    if (earlier) return earlier;
  }
  if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
    throw new WrongExpectedVersionError(streamId, options.expectedVersion, version < 0 ? 'no-stream' : version);
  }

  // Envelopes carry `type` and `data`, which is all an evolve of `{ type, data }` events reads.
  const state = fold(decider, history as unknown as Event[]);
  const decided = decider.decide(options.command, state);
  if (decided.length === 0) {
    return { events: [], nextExpectedVersion: version, lastPosition: last?.position ?? 0, alreadyHandled: false };
  }

  const eventMetadata: EventMetadata = {
    correlationId: metadata.correlationId,
    causationId: metadata.causationId ?? null,
    actor: { userId: metadata.actor.userId, role: actorRole(metadata.actor.role) },
    source: metadata.source,
  };
  const events: NewEvent[] = decided.map((event, index) => ({
    id: idAt(index),
    type: event.type,
    schemaVersion: schemaVersionOf(event.type),
    tenantId: metadata.tenantId,
    occurredAt: metadata.now,
    data: event.data,
    metadata: eventMetadata,
  }));
  const expectedVersion: ExpectedVersion = last ? last.streamVersion : 'no-stream';
  const result = await store.append(streamId, events, { expectedVersion });
  return { events, ...result, alreadyHandled: false };
}

/** `idCount`: how many ids the caller gave (Infinity for an id function); later events are someone else's. */
function earlierDelivery(history: readonly EventEnvelope[], idAt: (index: number) => string, idCount: number): CommandResult | null {
  const start = history.findIndex((event) => event.id === idAt(0));
  if (start < 0) return null;
  let end = start + 1;
  while (end < history.length && end - start < idCount && history[end].id === idAt(end - start)) end += 1;
  const events = history.slice(start, end).map(({ id, type, schemaVersion, tenantId, occurredAt, data, metadata }) => ({
    id,
    type,
    schemaVersion,
    tenantId,
    occurredAt,
    data,
    metadata,
  }));
  const last = history[end - 1];
  return { events, nextExpectedVersion: last.streamVersion, lastPosition: last.position, alreadyHandled: true };
}

function eventIdSource(eventIds: HandleCommandOptions<unknown, unknown, DecidedEvent>['eventIds']): (index: number) => string {
  if (eventIds === undefined) return () => uuidv7();
  if (typeof eventIds === 'function') return eventIds;
  return (index) => {
    const id = eventIds[index];
    if (id === undefined) throw new RangeError(`The command decided more events than the ${eventIds.length} ids given`);
    return id;
  };
}

function actorRole(role: string): Actor['role'] {
  if (role === 'system' || (ROLES as readonly string[]).includes(role)) return role as Actor['role'];
  throw new TypeError(`Unknown actor role ${role}`);
}
