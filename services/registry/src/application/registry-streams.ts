import { registryEventContracts, registryStreams } from '@kinship/contracts';
import { CommandMetadata, CommandResult, Decider, DecidedEvent, EventStore, fold, handleCommand } from '@kinship/eventsourcing';
import { Inject, Injectable } from '@nestjs/common';
import { householdDecider, HouseholdCommand, HouseholdState } from '../household/household.decider';
import { idNumberClaimDecider, IdNumberClaimCommand, IdNumberClaimState } from '../id-number-claim/id-number-claim.decider';
import { residentDecider, ResidentCommand, ResidentState } from '../resident/resident.decider';
import { CommandContext, CommandOutcome, writingMetadata } from './command-context';
import { EVENT_STORE, REGISTRY_OPTIONS, RegistryOptions } from './registry.tokens';

type WithoutMetadata<C> = C extends { metadata: unknown } ? Omit<C, 'metadata'> : never;

export interface RunOptions {
  /** Deterministic ids for commands that may be repeated (transfers). */
  eventIds?: readonly string[];
  causationId?: string | null;
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
    const streamId = registryStreams.resident(stationId, command.data.residentId);
    return this.run(residentDecider, streamId, stationId, command as ResidentCommand, context, options);
  }

  household(stationId: string, command: WithoutMetadata<HouseholdCommand>, context: CommandContext) {
    const streamId = registryStreams.household(stationId, command.data.householdId);
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
    return this.load(residentDecider, registryStreams.resident(stationId, residentId));
  }

  async householdState(stationId: string, householdId: string): Promise<HouseholdState> {
    return this.load(householdDecider, registryStreams.household(stationId, householdId));
  }

  async idNumberClaimState(idNumberHash: string): Promise<IdNumberClaimState> {
    return this.load(idNumberClaimDecider, registryStreams.idNumberClaim(this.districtId, idNumberHash));
  }

  async residentStreamExists(stationId: string, residentId: string): Promise<boolean> {
    const events = await this.store.readStream(registryStreams.resident(stationId, residentId));
    return events.length > 0;
  }

  static outcome(result: CommandResult): CommandOutcome {
    return { streamVersion: result.nextExpectedVersion, position: result.lastPosition };
  }

  private async load<C, S, E>(decider: Decider<C, S, E>, streamId: string): Promise<S> {
    const events = await this.store.readStream(streamId);
    return fold(decider, events as unknown as E[]);
  }

  private async run<C extends { metadata: unknown }, S, E extends DecidedEvent>(
    decider: Decider<C, S, E>,
    streamId: string,
    tenantId: string,
    command: C,
    context: CommandContext,
    options: RunOptions = {},
  ): Promise<CommandResult> {
    const metadata = writingMetadata(context, tenantId, options.causationId ?? null);
    const result = await handleCommand({
      store: this.store,
      streamId,
      decider,
      command: { ...command, metadata: commandMetadata(context, tenantId) },
      metadata,
      schemaVersions: registryEventContracts,
      eventIds: options.eventIds,
    });
    if (result.events.length > 0) this.options.onAppended?.();
    return result;
  }
}

function commandMetadata(context: CommandContext, tenantId: string): CommandMetadata {
  return { now: context.now, actor: context.actor, correlationId: context.correlationId, tenantId };
}
