import { registryEventContracts, registryStreams } from '@kinship/contracts';
import {
  CommandMetadata,
  CommandResult,
  Decider,
  DecidedEvent,
  DomainError,
  EventStore,
  fold,
  handleCommand,
  WrongExpectedVersionError,
} from '@kinship/eventsourcing';
import { Inject, Injectable } from '@nestjs/common';
import { householdDecider, HouseholdCommand, HouseholdState } from '../household/household.decider';
import { idNumberClaimDecider, IdNumberClaimCommand, IdNumberClaimEvent, IdNumberClaimState } from '../id-number-claim/id-number-claim.decider';
import { residentDecider, ResidentCommand, ResidentState } from '../resident/resident.decider';
import { UUID } from '../shared/request-types.dto';
import { CommandContext, CommandOutcome, writingMetadata } from './command-context';
import { EVENT_STORE, REGISTRY_OPTIONS, RegistryOptions } from './registry.tokens';

type WithoutMetadata<C> = C extends { metadata: unknown } ? Omit<C, 'metadata'> : never;

export interface RunOptions {
  /** Deterministic ids for commands that may be repeated (transfers). */
  eventIds?: readonly string[];
  causationId?: string | null;
  /**
   * The stream version a handler read before building the command (a re-encrypted personal document, a
   * claim released by hash): if the stream has moved on, the command fails with a version conflict (409)
   * instead of writing what was built from a stale read over a newer change.
   */
  expectedVersion?: number;
}

/** A state with the version of the stream it was folded from (-1 for an empty stream). */
export interface Loaded<S> {
  state: S;
  version: number;
}

/** Runs registry commands on their streams: the one place that knows stream ids and the store. */
@Injectable()
export class RegistryStreams {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REGISTRY_OPTIONS) private readonly options: RegistryOptions,
  ) {}

  get districtId(): string {
    return this.options.districtId;
  }

  resident(stationId: string, command: WithoutMetadata<ResidentCommand>, context: CommandContext, options?: RunOptions) {
    const streamId = residentStreamId(stationId, command.data.residentId);
    return this.run(residentDecider, streamId, stationId, command as ResidentCommand, context, options);
  }

  household(stationId: string, command: WithoutMetadata<HouseholdCommand>, context: CommandContext) {
    const streamId = householdStreamId(stationId, command.data.householdId);
    return this.run(householdDecider, streamId, stationId, command as HouseholdCommand, context);
  }

  idNumberClaim(idNumberHash: string, command: WithoutMetadata<IdNumberClaimCommand>, context: CommandContext, options?: RunOptions) {
    const streamId = registryStreams.idNumberClaim(this.districtId, idNumberHash);
    return this.run(idNumberClaimDecider, streamId, this.districtId, command as IdNumberClaimCommand, context, options);
  }

  /**
   * Decides a resident command on the stream's current state without appending anything, so a handler that
   * must write another stream first (an ID-number claim) learns of a domain error before it writes there.
   */
  async checkResident(stationId: string, command: WithoutMetadata<ResidentCommand>, context: CommandContext): Promise<void> {
    const state = await this.residentState(stationId, command.data.residentId);
    residentDecider.decide({ ...command, metadata: commandMetadata(context, stationId) } as ResidentCommand, state);
  }

  async residentState(stationId: string, residentId: string): Promise<ResidentState> {
    return (await this.loadResident(stationId, residentId)).state;
  }

  async loadResident(stationId: string, residentId: string): Promise<Loaded<ResidentState>> {
    return this.loadVersioned(residentDecider, residentStreamId(stationId, residentId));
  }

  async householdState(stationId: string, householdId: string): Promise<HouseholdState> {
    return this.load(householdDecider, householdStreamId(stationId, householdId));
  }

  async idNumberClaimState(idNumberHash: string): Promise<IdNumberClaimState> {
    return this.load(idNumberClaimDecider, registryStreams.idNumberClaim(this.districtId, idNumberHash));
  }

  /** The claim with its stream version and the time of its last change (null when never claimed). */
  async loadIdNumberClaim(idNumberHash: string): Promise<Loaded<IdNumberClaimState> & { changedAt: string | null }> {
    const events = await this.store.readStream(registryStreams.idNumberClaim(this.districtId, idNumberHash));
    const last = events.at(-1);
    return {
      state: fold(idNumberClaimDecider, events as unknown as IdNumberClaimEvent[]),
      version: last?.streamVersion ?? -1,
      changedAt: last?.occurredAt ?? null,
    };
  }

  async residentStreamExists(stationId: string, residentId: string): Promise<boolean> {
    if (!UUID.test(residentId)) return false;
    const events = await this.store.readStream(residentStreamId(stationId, residentId));
    return events.length > 0;
  }

  static outcome(result: CommandResult): CommandOutcome {
    return { streamVersion: result.nextExpectedVersion, position: result.lastPosition };
  }

  private async load<C, S, E>(decider: Decider<C, S, E>, streamId: string): Promise<S> {
    return (await this.loadVersioned(decider, streamId)).state;
  }

  private async loadVersioned<C, S, E>(decider: Decider<C, S, E>, streamId: string): Promise<Loaded<S>> {
    const events = await this.store.readStream(streamId);
    return { state: fold(decider, events as unknown as E[]), version: events.at(-1)?.streamVersion ?? -1 };
  }

  private async run<C extends { metadata: unknown }, S, E extends DecidedEvent>(
    decider: Decider<C, S, E>,
    streamId: string,
    tenantId: string,
    command: C,
    context: CommandContext,
    options: RunOptions = {},
  ): Promise<CommandResult> {
    const common = {
      store: this.store,
      streamId,
      command: { ...command, metadata: commandMetadata(context, tenantId) },
      metadata: writingMetadata(context, tenantId, options.causationId ?? null),
      schemaVersions: registryEventContracts,
      eventIds: options.eventIds,
    };
    const result =
      options.expectedVersion === undefined
        ? await handleCommand({ ...common, decider })
        : await handleCommand({ ...common, decider: pinnedTo(decider, streamId, options.expectedVersion) });
    if (result.events.length > 0) this.options.onAppended?.();
    return result;
  }
}

/**
 * Stream ids join station and id with '-', and station ids contain '-' too: without the UUID check an id such
 * as `2-<uuid>` under station `xi` would name the stream of `<uuid>` under station `xi-2`.
 */
function residentStreamId(stationId: string, residentId: string): string {
  if (!UUID.test(residentId)) throw new DomainError('resident-not-found', `No resident ${residentId} at station ${stationId}`, 404);
  return registryStreams.resident(stationId, residentId);
}

function householdStreamId(stationId: string, householdId: string): string {
  if (!UUID.test(householdId)) throw new DomainError('household-not-found', `No household ${householdId} at station ${stationId}`, 404);
  return registryStreams.household(stationId, householdId);
}

/**
 * The decider, deciding only on the stream at `expectedVersion`. The check sits inside the decision, on the
 * very read `handleCommand` appends against, so no append can slip in between the check and the write.
 */
function pinnedTo<C, S, E>(decider: Decider<C, S, E>, streamId: string, expectedVersion: number): Decider<C, Loaded<S>, E> {
  return {
    initialState: () => ({ state: decider.initialState(), version: -1 }),
    evolve: ({ state, version }, event) => ({ state: decider.evolve(state, event), version: version + 1 }),
    decide: (command, { state, version }) => {
      if (version !== expectedVersion) throw new WrongExpectedVersionError(streamId, expectedVersion, version < 0 ? 'no-stream' : version);
      return decider.decide(command, state);
    },
  };
}

function commandMetadata(context: CommandContext, tenantId: string): CommandMetadata {
  return { now: context.now, actor: context.actor, correlationId: context.correlationId, tenantId };
}
