import { CommandContext, CommandOutcome, DomainError } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { ResidentReturned } from '@kinship/contracts';
import { firstOfType, HouseholdMembership } from '../../application/household-membership';
import { RegistryStreams } from '../../application/registry-streams';
import { ResidentPersonalDataService } from '../../application/resident-personal-data';
import { StationDirectory } from '../../application/station-directory';
import { returnSnapshot } from '../resident.decider';
import { ReturnResidentRequest } from './return-resident.request.dto';

/**
 * Takes back a resident who had moved out (ADR 0013), at this station, from the record at the station they moved
 * out of (this one by default). Their ID-number claim follows them first, against the claim's own check that the
 * record returned from is the person's current one; then the resident's stream at this station opens (or reopens)
 * with the return, and a household named joins them (ADR 0012). The return is decided before the claim moves, so a
 * refused return leaves the claim where it was, and the steps are idempotent, so a request retried after a partial
 * failure completes the return.
 */
@Injectable()
export class ReturnResidentHandler {
  constructor(
    private readonly streams: RegistryStreams,
    private readonly personalData: ResidentPersonalDataService,
    private readonly stations: StationDirectory,
    private readonly membership: HouseholdMembership,
  ) {}

  async execute(stationId: string, residentId: string, request: ReturnResidentRequest, context: CommandContext): Promise<CommandOutcome> {
    const fromStationId = request.fromStationId ?? stationId;
    if (fromStationId !== stationId) this.requireStationOfTheDistrict(fromStationId, stationId);
    if (request.householdId !== undefined) await this.requireHousehold(stationId, request.householdId);

    const { state: movedOutFrom } = await this.personalData.known(fromStationId, residentId);
    const { address } = request;
    const personal = await this.personalData.rewrite(movedOutFrom, (current) => ({
      ...current,
      address: { building: address.building, unit: address.unit, ...(address.room ? { room: address.room } : {}) },
      ...(request.phone ? { phone: request.phone } : {}),
      ...(request.employer ? { employer: request.employer } : {}),
    }));
    const data = returnSnapshot(movedOutFrom, {
      stationId,
      arrivalDate: request.arrivalDate,
      compound: address.compound,
      personal,
      ...(request.occupation ? { occupation: request.occupation } : {}),
      ...(request.householdId ? { householdId: request.householdId } : {}),
    });
    const returnResident = { type: 'ReturnResident' as const, data };
    await this.streams.checkResident(stationId, returnResident, context);
    const { idNumberHash } = data;
    await this.streams.idNumberClaim(idNumberHash, { type: 'ClaimOnReturn', data: { idNumberHash, residentId, fromStationId, toStationId: stationId } }, context);
    const result = await this.streams.resident(stationId, returnResident, context);
    const returned = firstOfType(result.events, ResidentReturned.type);
    const joined = returned
      ? await this.membership.residentArrived({ id: returned.id, stationId, residentId, householdId: request.householdId }, context)
      : 0;
    return RegistryStreams.outcome(result, joined);
  }

  private requireStationOfTheDistrict(fromStationId: string, stationId: string): void {
    if (!this.stations.isStation(fromStationId)) {
      throw new DomainError('unknown-station', `There is no station ${fromStationId}`, 422, { field: 'fromStationId' });
    }
    if (this.stations.districtOf(fromStationId) !== this.stations.districtOf(stationId)) {
      throw new DomainError('return-from-outside-district', 'A resident returns from a station of the same district', 422, { field: 'fromStationId' });
    }
  }

  private async requireHousehold(stationId: string, householdId: string): Promise<void> {
    const household = await this.streams.householdState(stationId, householdId);
    if (household.status === 'none') {
      throw new DomainError('household-not-found', `No household ${householdId} at station ${stationId}`, 422, { field: 'householdId' });
    }
  }
}
