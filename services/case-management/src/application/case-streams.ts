import { CaseEvent, CaseCategory, casesEventContracts, casesStreams, SlaTerms } from '@kinship/contracts';
import {
  CommandContext,
  CommandOutcome,
  CommandResult,
  DomainError,
  EventStore,
  RunOptions,
  StreamCommands,
} from '@kinship/eventsourcing';
import { ORG_DIRECTORY, OrgDirectoryReader } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { CaseCommand, caseDecider, CaseRecord, CaseState } from '../case/case.decider';
import { caseFileDecider, CaseFileState, LinkCase } from '../case-file/case-file.decider';
import { SetSlaPolicy, slaPolicyDecider, SlaPolicyState, slaTermsFor } from '../sla-policy/sla-policy.decider';
import { CASE_MANAGEMENT_OPTIONS, CaseManagementOptions, EVENT_STORE } from './case-management.tokens';

type WithoutMetadata<C> = C extends { metadata: unknown } ? Omit<C, 'metadata'> : never;
export type CaseCommandInput = WithoutMetadata<CaseCommand>;

/** Runs case management's commands on its streams: the one place that knows stream ids and the store. */
@Injectable()
export class CaseStreams {
  private readonly commands: StreamCommands;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CASE_MANAGEMENT_OPTIONS) options: CaseManagementOptions,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
  ) {
    this.commands = new StreamCommands(store, { source: 'case-management', schemaVersions: casesEventContracts, onAppended: options.onAppended });
  }

  runCase(stationId: string, command: CaseCommandInput, context: CommandContext, options?: RunOptions): Promise<CommandResult> {
    return this.commands.run(caseDecider, casesStreams.case(stationId, command.data.caseId), stationId, command, context, options);
  }

  /**
   * Decides a command on the case as it stands without appending, so a handler that must write elsewhere first
   * (the residents' case files) learns of a domain error before it writes there.
   */
  async checkCase(stationId: string, command: CaseCommandInput, context: CommandContext): Promise<void> {
    const state = await this.caseState(stationId, command.data.caseId);
    caseDecider.decide({ ...command, metadata: { ...context, tenantId: stationId } } as CaseCommand, state);
  }

  async caseState(stationId: string, caseId: string): Promise<CaseState> {
    return this.commands.load(caseDecider, casesStreams.case(stationId, caseId));
  }

  /** The case at the station; 404 when the station has no such case. */
  async requireCase(stationId: string, caseId: string): Promise<CaseRecord> {
    const state = await this.caseState(stationId, caseId);
    if (state.status === 'none') throw new DomainError('case-not-found', `No case ${caseId} at station ${stationId}`, 404);
    return state;
  }

  async caseEvents(stationId: string, caseId: string): Promise<CaseEvent[]> {
    return (await this.store.readStream(casesStreams.case(stationId, caseId))) as unknown as CaseEvent[];
  }

  linkCase(command: WithoutMetadata<LinkCase>, context: CommandContext, options?: RunOptions): Promise<CommandResult> {
    const districtId = this.districtOf(command.data.stationId);
    return this.commands.run(caseFileDecider, casesStreams.caseFile(districtId, command.data.residentId), districtId, command, context, options);
  }

  async caseFile(districtId: string, residentId: string): Promise<CaseFileState> {
    return this.commands.load(caseFileDecider, casesStreams.caseFile(districtId, residentId));
  }

  setSlaPolicy(command: WithoutMetadata<SetSlaPolicy>, context: CommandContext): Promise<CommandResult> {
    const { centerId } = command.data;
    return this.commands.run(slaPolicyDecider, casesStreams.slaPolicy(centerId), centerId, command, context);
  }

  async slaPolicy(centerId: string): Promise<SlaPolicyState> {
    return this.commands.load(slaPolicyDecider, casesStreams.slaPolicy(centerId));
  }

  /** The SLA terms a case of `category` opened now at the station follows: its center's policy. */
  async termsFor(stationId: string, category: CaseCategory): Promise<SlaTerms> {
    const center = this.org.centerOf(stationId);
    if (!center) throw new DomainError('unknown-station', `There is no station ${stationId}`, 422);
    return slaTermsFor(await this.slaPolicy(center.id), category);
  }

  districtOf(stationId: string): string {
    const district = this.org.districtOf(stationId);
    if (!district) throw new DomainError('unknown-station', `There is no station ${stationId}`, 422);
    return district.id;
  }

  isStation(id: string): boolean {
    return this.org.get(id)?.kind === 'station';
  }

  static outcome(result: CommandResult): CommandOutcome {
    return StreamCommands.outcome(result);
  }
}
