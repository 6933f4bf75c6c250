import { CaseEvent, CaseReceivedData, PLACE_BOUND_CATEGORIES } from '@kinship/contracts';
import { CommandContext, CommandResult, DomainError } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { causedEventIds } from '../../application/caused-event-ids';
import { CaseStreams } from '../../application/case-streams';
import { CaseRecord } from '../case.decider';

export interface HandOverOptions {
  cause: 'resident-transferred' | 'station-decision';
  residentId?: string;
  /** The event that caused the hand-over: its id makes every step's event ids, so a redelivery repeats nothing. */
  causingEventId?: string;
}

/** What the receiving station takes over: the case as it stands, its free text still under the case's key. */
export function receivedSnapshot(events: readonly CaseEvent[], toStationId: string): Omit<CaseReceivedData, 'at' | 'terms'> {
  const first = events[0];
  if (!first || (first.type !== 'cases.case-opened' && first.type !== 'cases.case-received')) {
    throw new DomainError('case-not-found', 'No such case at this station', 404);
  }
  const snapshot: Omit<CaseReceivedData, 'at' | 'terms'> = {
    caseId: first.data.caseId,
    stationId: toStationId,
    fromStationId: first.data.stationId,
    residentIds: [...first.data.residentIds],
    otherParties: first.type === 'cases.case-received' ? [...first.data.otherParties] : [],
    group: first.data.group,
    category: first.data.category,
    priority: first.data.priority,
    channel: first.data.channel,
    consentScope: first.data.consentScope,
    description: first.data.description,
  };
  for (const event of events.slice(1)) {
    if (event.type === 'cases.case-priority-changed') snapshot.priority = event.data.priority;
    if (event.type === 'cases.case-consent-updated') snapshot.consentScope = event.data.consentScope;
    if (event.type === 'cases.party-added') {
      const { party } = event.data;
      if (party.kind === 'resident') snapshot.residentIds.push(party.residentId);
      else snapshot.otherParties.push({ partyId: party.partyId, description: party.description });
    }
  }
  return snapshot;
}

/**
 * Hands a case over to another station of the district: the case ends at its station, each resident's case file
 * links the new stream, and the receiving station's stream opens under its own center's SLA. Every step is
 * idempotent, so a retried hand-over completes one that failed half-way.
 */
@Injectable()
export class HandOverCaseHandler {
  constructor(private readonly streams: CaseStreams) {}

  /** A case moves with a resident who transfers only when it concerns nobody else and is not tied to a place. */
  static movesWithResident(record: CaseRecord, residentId: string): boolean {
    const { residentIds, partyIds } = record;
    return residentIds.length === 1 && residentIds[0] === residentId && partyIds.length === 1 && !PLACE_BOUND_CATEGORIES.includes(record.category);
  }

  async execute(stationId: string, caseId: string, toStationId: string, context: CommandContext, options: HandOverOptions): Promise<CommandResult> {
    if (!this.streams.isStation(toStationId)) {
      throw new DomainError('unknown-station', `There is no station ${toStationId}`, 422, { field: 'toStationId' });
    }
    if (this.streams.districtOf(toStationId) !== this.streams.districtOf(stationId)) {
      throw new DomainError('hand-over-outside-district', 'A case is handed over to another station of the same district', 422);
    }
    const ids = (step: string) => (options.causingEventId ? causedEventIds(`${options.causingEventId}|${caseId}|${step}`, options.causingEventId) : {});
    const handedOver = { caseId, toStationId, cause: options.cause, ...(options.residentId ? { residentId: options.residentId } : {}) };
    await this.streams.runCase(stationId, { type: 'HandOverCase', data: handedOver }, context, ids('handed-over'));
    const snapshot = receivedSnapshot(await this.streams.caseEvents(stationId, caseId), toStationId);
    const terms = await this.streams.termsFor(toStationId, snapshot.category);
    for (const residentId of snapshot.residentIds) {
      await this.streams.linkCase({ type: 'LinkCase', data: { residentId, caseId, stationId: toStationId } }, context, ids(`linked|${residentId}`));
    }
    return this.streams.runCase(toStationId, { type: 'ReceiveCase', data: { ...snapshot, terms } }, context, ids('received'));
  }
}
