import { CommunityCensusRecorded, CommunityCensusRecordedData, registryEventContracts, registryStreams } from '@kinship/contracts';
import {
  CommandContext,
  CommandOutcome,
  CommandResult,
  DomainError,
  EventStore,
  Loaded,
  RunOptions,
  StreamCommands,
} from '@kinship/eventsourcing';
import { Inject, Injectable } from '@nestjs/common';
import { censusDecider, CensusCommand } from '../census/census.decider';
import { householdDecider, HouseholdCommand, HouseholdState } from '../household/household.decider';
import { idNumberClaimDecider, IdNumberClaimCommand, IdNumberClaimState } from '../id-number-claim/id-number-claim.decider';
import { residentDecider, ResidentCommand, ResidentState } from '../resident/resident.decider';
import { UUID } from '../shared/request-types.dto';
import { EVENT_STORE, REGISTRY_OPTIONS, RegistryOptions } from './registry.tokens';

type WithoutMetadata<C> = C extends { metadata: unknown } ? Omit<C, 'metadata'> : never;

/** Runs registry commands on their streams: the one place that knows stream ids and the store. */
@Injectable()
export class RegistryStreams {
  private readonly commands: StreamCommands;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(REGISTRY_OPTIONS) private readonly options: RegistryOptions,
  ) {
    this.commands = new StreamCommands(store, { source: 'registry', schemaVersions: registryEventContracts, onAppended: options.onAppended });
  }

  get districtId(): string {
    return this.options.districtId;
  }

  resident(stationId: string, command: WithoutMetadata<ResidentCommand>, context: CommandContext, options?: RunOptions): Promise<CommandResult> {
    return this.commands.run(residentDecider, residentStreamId(stationId, command.data.residentId), stationId, command, context, options);
  }

  household(stationId: string, command: WithoutMetadata<HouseholdCommand>, context: CommandContext, options?: RunOptions): Promise<CommandResult> {
    return this.commands.run(householdDecider, householdStreamId(stationId, command.data.householdId), stationId, command, context, options);
  }

  idNumberClaim(idNumberHash: string, command: WithoutMetadata<IdNumberClaimCommand>, context: CommandContext, options?: RunOptions): Promise<CommandResult> {
    const streamId = registryStreams.idNumberClaim(this.districtId, idNumberHash);
    return this.commands.run(idNumberClaimDecider, streamId, this.districtId, command, context, options);
  }

  census(stationId: string, command: WithoutMetadata<CensusCommand>, context: CommandContext): Promise<CommandResult> {
    return this.commands.run(censusDecider, registryStreams.census(stationId), stationId, command, context);
  }

  /** The station's censuses as recorded, oldest first. */
  async censusHistory(stationId: string): Promise<Array<CommunityCensusRecordedData & { recordedAt: string; position: number }>> {
    const events = await this.commands.store.readStream(registryStreams.census(stationId));
    return events
      .filter((event) => event.type === CommunityCensusRecorded.type)
      .map((event) => ({ ...CommunityCensusRecorded.schema.parse(event.data), recordedAt: event.occurredAt, position: event.position }));
  }

  /**
   * Decides a resident command on the stream's current state without appending anything, so a handler that
   * must write another stream first (an ID-number claim) learns of a domain error before it writes there.
   */
  async checkResident(stationId: string, command: WithoutMetadata<ResidentCommand>, context: CommandContext): Promise<void> {
    const state = await this.residentState(stationId, command.data.residentId);
    const metadata = { now: context.now, actor: context.actor, correlationId: context.correlationId, tenantId: stationId };
    residentDecider.decide({ ...command, metadata } as ResidentCommand, state);
  }

  async residentState(stationId: string, residentId: string): Promise<ResidentState> {
    return (await this.loadResident(stationId, residentId)).state;
  }

  loadResident(stationId: string, residentId: string): Promise<Loaded<ResidentState>> {
    return this.commands.loadVersioned(residentDecider, residentStreamId(stationId, residentId));
  }

  householdState(stationId: string, householdId: string): Promise<HouseholdState> {
    return this.commands.load(householdDecider, householdStreamId(stationId, householdId));
  }

  idNumberClaimState(idNumberHash: string): Promise<IdNumberClaimState> {
    return this.commands.load(idNumberClaimDecider, registryStreams.idNumberClaim(this.districtId, idNumberHash));
  }

  /** The claim with its stream version and the time of its last change (null when never claimed). */
  loadIdNumberClaim(idNumberHash: string): Promise<Loaded<IdNumberClaimState>> {
    return this.commands.loadVersioned(idNumberClaimDecider, registryStreams.idNumberClaim(this.districtId, idNumberHash));
  }

  async residentStreamExists(stationId: string, residentId: string): Promise<boolean> {
    return UUID.test(residentId) && this.commands.exists(residentStreamId(stationId, residentId));
  }

  /** The command's outcome; `alsoWritten` are log positions of steps that followed it, for read-your-writes. */
  static outcome(result: CommandResult, ...alsoWritten: number[]): CommandOutcome {
    const outcome = StreamCommands.outcome(result);
    return { ...outcome, position: Math.max(outcome.position, ...alsoWritten) };
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
