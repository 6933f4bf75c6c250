import { EventEnvelope, ResidentPersonalDataErased, ResidentTransferredIn } from '@kinship/contracts';
import { CommandContext } from '@kinship/eventsourcing';
import { ConsumerSpec, MessageBus } from '@kinship/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { BusSubscription } from '../application/bus-subscription';
import { CASE_MANAGEMENT_OPTIONS, CaseManagementOptions, MESSAGE_BUS } from '../application/case-management.tokens';
import { CaseStreams } from '../application/case-streams';
import { CaseText } from '../application/case-text';
import { causedEventIds } from '../application/caused-event-ids';
import { HandOverCaseHandler } from '../case/hand-over-case/hand-over-case.handler';

export const REGISTRY_REACTIONS_GROUP = 'case-management.registry-reactions';

/**
 * Case management's reactions to the registry (DESIGN §3). When a resident arrives at another station, each of their
 * open cases at the old station that concerns them alone goes with them; any other case stays and is flagged for
 * its caseworker. When a resident is erased, every case of theirs drops its free text: the erasure is recorded on
 * the case, then the case's key is erased. Handlers are idempotent: event ids derive from the causing event.
 */
@Injectable()
export class RegistryReactions extends BusSubscription {
  constructor(
    private readonly streams: CaseStreams,
    private readonly text: CaseText,
    private readonly handOver: HandOverCaseHandler,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(CASE_MANAGEMENT_OPTIONS) options: CaseManagementOptions,
  ) {
    super(bus, options);
  }

  protected consumerSpec(): ConsumerSpec {
    return { group: REGISTRY_REACTIONS_GROUP, categories: ['resident'], handler: (event) => this.handle(event) };
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (event.type === ResidentTransferredIn.type) await this.residentTransferred(event, ResidentTransferredIn.schema.parse(event.data));
    if (event.type === ResidentPersonalDataErased.type) await this.residentErased(event, ResidentPersonalDataErased.schema.parse(event.data));
  }

  private async residentTransferred(event: EventEnvelope, data: { residentId: string; stationId: string; fromStationId: string }): Promise<void> {
    const { residentId, stationId: toStationId, fromStationId } = data;
    const context = systemContext(event);
    const file = await this.streams.caseFile(this.streams.districtOf(fromStationId), residentId);
    for (const { caseId } of file.links.filter((link) => link.stationId === fromStationId)) {
      const state = await this.streams.caseState(fromStationId, caseId);
      if (state.status === 'none' || state.status === 'closed' || state.status === 'handed-over') continue;
      const moves = (state.status === 'open' || state.status === 'in-progress') && HandOverCaseHandler.movesWithResident(state, residentId);
      if (moves) {
        await this.handOver.execute(fromStationId, caseId, toStationId, context, { cause: 'resident-transferred', residentId, causingEventId: event.id });
      } else {
        await this.streams.runCase(fromStationId, { type: 'FlagPartyTransferred', data: { caseId, residentId, toStationId } }, context, causedEventIds(`${event.id}|${caseId}|flagged`, event.id));
      }
    }
  }

  private async residentErased(event: EventEnvelope, data: { residentId: string }): Promise<void> {
    const { residentId } = data;
    const context = systemContext(event);
    const file = await this.streams.caseFile(this.streams.districtOf(event.tenantId), residentId);
    for (const { caseId, stationId } of file.links) {
      const state = await this.streams.caseState(stationId, caseId);
      if (state.status === 'none') continue;
      await this.streams.runCase(stationId, { type: 'EraseCasePersonalData', data: { caseId, residentId } }, context, causedEventIds(`${event.id}|${stationId}|${caseId}|erased`, event.id));
    }
    // The events first, so every read model drops the text; then the key, so no copy of it can be read again.
    for (const caseId of new Set(file.links.map((link) => link.caseId))) await this.text.erase(caseId);
  }
}

/** Reactions act as the service itself, at the time of the event that caused them, so a replay decides the same. */
function systemContext(event: EventEnvelope): CommandContext {
  return { actor: { userId: 'case-management', role: 'system' }, correlationId: event.metadata.correlationId, now: event.occurredAt };
}
