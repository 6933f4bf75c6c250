import { Actor } from '@kinship/contracts';
import { Decider } from '../decider/decider';
import { EventStore } from '../port/event-store.port';
import { CommandResult, DecidedEvent, fold, handleCommand, SchemaVersions } from './handle-command';

/** Who asks and when, in which request: what every command carries in from the edge. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  /** The instant the request arrived; the only clock the domain sees. */
  now: string;
}

/** What a successful command answers: the stream's new version and the log position for read-your-writes. */
export interface CommandOutcome {
  streamVersion: number;
  position: number;
}

export interface StreamCommandsOptions {
  /** The service writing, e.g. `registry`; recorded in every event's metadata. */
  source: string;
  schemaVersions: SchemaVersions;
  /** Called after each append that wrote events (in-process consumers may want to wake). */
  onAppended?: () => void;
}

export interface RunOptions {
  /** Deterministic ids for commands that may be repeated (process managers, retried transfers). */
  eventIds?: readonly string[];
  causationId?: string | null;
  /** The stream version the caller's command was built from; a newer stream is a version conflict (409). */
  expectedVersion?: number;
  /**
   * For commands whose decision stands whatever else was appended meanwhile (an expense on a busy ledger): a version
   * conflict reloads the stream and decides again instead of failing, up to `retries` times (default 3).
   */
  commutative?: boolean;
  retries?: number;
}

/** A state with the version of the stream it was folded from. */
export interface Loaded<S> {
  state: S;
  /** -1 for an empty stream. */
  version: number;
  changedAt: string | null;
}

type WithoutMetadata<C> = C extends { metadata: unknown } ? Omit<C, 'metadata'> : never;

/** One service's way to run commands on its streams: decider + stream id + request context → appended events. */
export class StreamCommands {
  constructor(
    readonly store: EventStore,
    private readonly options: StreamCommandsOptions,
  ) {}

  async run<C extends { metadata: unknown }, S, E extends DecidedEvent>(
    decider: Decider<C, S, E>,
    streamId: string,
    tenantId: string,
    command: WithoutMetadata<C>,
    context: CommandContext,
    options: RunOptions = {},
  ): Promise<CommandResult> {
    const metadata = { now: context.now, actor: context.actor, correlationId: context.correlationId, tenantId };
    const result = await handleCommand({
      store: this.store,
      streamId,
      decider,
      command: { ...command, metadata } as unknown as C,
      metadata: { ...metadata, source: this.options.source, causationId: options.causationId ?? null },
      schemaVersions: this.options.schemaVersions,
      eventIds: options.eventIds,
      expectedVersion: options.expectedVersion,
      commutative: options.commutative,
      retries: options.retries,
    });
    if (result.events.length > 0) this.options.onAppended?.();
    return result;
  }

  /** The decider's state of a stream (its initial state when the stream does not exist). */
  async load<C, S, E>(decider: Decider<C, S, E>, streamId: string): Promise<S> {
    return (await this.loadVersioned(decider, streamId)).state;
  }

  /** The state with the version it was folded from (-1 for an empty stream) and the time of the last event. */
  async loadVersioned<C, S, E>(decider: Decider<C, S, E>, streamId: string): Promise<Loaded<S>> {
    const events = await this.store.readStream(streamId);
    const last = events.at(-1);
    return {
      state: fold(decider, events as unknown as E[]),
      version: last?.streamVersion ?? -1,
      changedAt: last?.occurredAt ?? null,
    };
  }

  async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId)).length > 0;
  }

  static outcome(result: CommandResult): CommandOutcome {
    return { streamVersion: result.nextExpectedVersion, position: result.lastPosition };
  }
}
