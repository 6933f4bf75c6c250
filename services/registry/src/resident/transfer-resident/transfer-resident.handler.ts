import { DomainError } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { ResidentTransferredOut } from '@kinship/contracts';
import { firstOfType, HouseholdMembership } from '../../application/household-membership';
import { RegistryStreams } from '../../application/registry-streams';
import { ResidentPersonalDataService } from '../../application/resident-personal-data';
import { StationDirectory } from '../../application/station-directory';
import { transferSnapshot } from '../resident.decider';
import { TransferResidentRequest } from './transfer-resident.request.dto';

/**
 * Moves a resident to another station of the district (ADR 0005): the old stream ends with the transfer out,
 * the new stream opens with the transfer in, the ID-number claim follows, and the resident leaves their household
 * at the old station (households belong to one station, ADR 0012). Each step is idempotent, so a request
 * retried after a partial failure completes the transfer instead of failing half-way.
 */
@Injectable()
export class TransferResidentHandler {
  constructor(
    private readonly streams: RegistryStreams,
    private readonly personalData: ResidentPersonalDataService,
    private readonly stations: StationDirectory,
    private readonly membership: HouseholdMembership,
  ) {}

  async execute(stationId: string, residentId: string, request: TransferResidentRequest, context: CommandContext): Promise<CommandOutcome> {
    const { toStationId } = request;
    if (!this.stations.isStation(toStationId)) {
      throw new DomainError('unknown-station', `There is no station ${toStationId}`, 422, { field: 'toStationId' });
    }
    if (this.stations.districtOf(toStationId) !== this.stations.districtOf(stationId)) {
      throw new DomainError('transfer-outside-district', 'A transfer goes to another station of the same district', 422);
    }
    const { state: before, version } = await this.personalData.known(stationId, residentId);
    const personal = await this.personalData.rewrite(before, (current) => ({
      ...current,
      address: { building: request.building, unit: request.unit, ...(request.room ? { room: request.room } : {}) },
    }));
    const sent = await this.streams.resident(
      stationId,
      { type: 'TransferOut', data: { residentId, toStationId, ...(request.transferredOn ? { transferredOn: request.transferredOn } : {}) } },
      context,
      { expectedVersion: version },
    );
    const after = await this.streams.residentState(stationId, residentId);
    const arrival = transferSnapshot(after, { compound: request.compound, personal });
    const received = await this.streams.resident(toStationId, { type: 'ReceiveTransfer', data: arrival }, context);
    await this.streams.idNumberClaim(
      arrival.idNumberHash,
      { type: 'TransferClaim', data: { idNumberHash: arrival.idNumberHash, residentId, toStationId } },
      context,
    );
    const transferredOut = firstOfType(sent.events, ResidentTransferredOut.type);
    const left = transferredOut ? await this.membership.residentDeparted({ id: transferredOut.id, stationId, residentId }, context) : 0;
    return RegistryStreams.outcome(received, left);
  }
}
