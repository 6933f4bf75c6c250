import { volunteeringEventContracts, volunteeringStreams } from '@kinship/contracts';
import { CommandContext, CommandOutcome, CommandResult, DomainError, EventStore, RunOptions, StreamCommands } from '@kinship/eventsourcing';
import { Inject, Injectable } from '@nestjs/common';
import { ActivityCommand, activityDecider, ActivityState } from '../activity/activity.decider';
import { AidFundCommand, aidFundDecider, AidFundState } from '../aid-fund/aid-fund.decider';
import { PairingCommand, pairingDecider, PairingState } from '../pairing/pairing.decider';
import { ResidentLinkCommand, residentLinkDecider, ResidentLinkState } from '../resident-link/resident-link.decider';
import { VolunteerRecordCommand, volunteerRecordDecider, VolunteerRecordState } from '../volunteer-record/volunteer-record.decider';
import { Volunteer, VolunteerCommand, volunteerDecider, VolunteerState } from '../volunteer/volunteer.decider';
import { EVENT_STORE, VOLUNTEERING_OPTIONS, VolunteeringOptions } from './volunteering.tokens';

type WithoutMetadata<C> = C extends { metadata: unknown } ? Omit<C, 'metadata'> : never;

/** Runs volunteering commands on their streams: the one place that knows stream ids, tenants and the store. */
@Injectable()
export class VolunteeringStreams {
  private readonly commands: StreamCommands;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(VOLUNTEERING_OPTIONS) private readonly options: VolunteeringOptions,
  ) {
    this.commands = new StreamCommands(store, { source: 'volunteering', schemaVersions: volunteeringEventContracts, onAppended: options.onAppended });
  }

  get districtId(): string {
    return this.options.districtId;
  }

  /**
   * The service-hours reaction appends a check-out's hours to this stream while staff work on it, so a version
   * conflict here is rarely the caller's: no command names the version it was built from, so it is decided again on
   * the fresh state (as if it had come a moment later) instead of answering 409.
   */
  volunteer(stationId: string, command: WithoutMetadata<VolunteerCommand>, context: CommandContext, options?: RunOptions) {
    const stream = volunteeringStreams.volunteer(stationId, command.data.volunteerId);
    return this.commands.run(volunteerDecider, stream, stationId, command, context, { commutative: true, ...options });
  }

  activity(stationId: string, command: WithoutMetadata<ActivityCommand>, context: CommandContext) {
    return this.commands.run(activityDecider, volunteeringStreams.activity(stationId, command.data.activityId), stationId, command, context);
  }

  pairing(stationId: string, command: WithoutMetadata<PairingCommand>, context: CommandContext, options?: RunOptions) {
    return this.commands.run(pairingDecider, volunteeringStreams.pairing(stationId, command.data.pairingId), stationId, command, context, options);
  }

  /** The fund is the center's: its events belong to the center, not to one station. */
  aidFund(command: WithoutMetadata<AidFundCommand>, context: CommandContext, options?: RunOptions) {
    const { centerId } = command.data;
    return this.commands.run(aidFundDecider, volunteeringStreams.aidFund(centerId), centerId, command, context, options);
  }

  /** Serials are unique across the district, so records live under the district like ID-number claims. */
  volunteerRecord(command: WithoutMetadata<VolunteerRecordCommand>, context: CommandContext) {
    return this.commands.run(volunteerRecordDecider, volunteeringStreams.volunteerRecord(this.districtId, command.data.serial), this.districtId, command, context);
  }

  residentLink(command: WithoutMetadata<ResidentLinkCommand>, context: CommandContext) {
    const streamId = volunteeringStreams.residentLinks(this.districtId, command.data.residentId);
    return this.commands.run(residentLinkDecider, streamId, this.districtId, command, context);
  }

  volunteerState(stationId: string, volunteerId: string): Promise<VolunteerState> {
    return this.commands.load(volunteerDecider, volunteeringStreams.volunteer(stationId, volunteerId));
  }

  /** The volunteer, or 404 when the station has no such volunteer. */
  async knownVolunteer(stationId: string, volunteerId: string): Promise<Volunteer> {
    const state = await this.volunteerState(stationId, volunteerId);
    if (state.status === 'none') throw new DomainError('volunteer-not-found', `No volunteer ${volunteerId} at station ${stationId}`, 404);
    return state;
  }

  activityState(stationId: string, activityId: string): Promise<ActivityState> {
    return this.commands.load(activityDecider, volunteeringStreams.activity(stationId, activityId));
  }

  pairingState(stationId: string, pairingId: string): Promise<PairingState> {
    return this.commands.load(pairingDecider, volunteeringStreams.pairing(stationId, pairingId));
  }

  aidFundState(centerId: string): Promise<AidFundState> {
    return this.commands.load(aidFundDecider, volunteeringStreams.aidFund(centerId));
  }

  volunteerRecordState(serial: string): Promise<VolunteerRecordState> {
    return this.commands.load(volunteerRecordDecider, volunteeringStreams.volunteerRecord(this.districtId, serial));
  }

  residentLinkState(residentId: string): Promise<ResidentLinkState> {
    return this.commands.load(residentLinkDecider, volunteeringStreams.residentLinks(this.districtId, residentId));
  }

  static outcome(result: CommandResult): CommandOutcome {
    return StreamCommands.outcome(result);
  }
}
