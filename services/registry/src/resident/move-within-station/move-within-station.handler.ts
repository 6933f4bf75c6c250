import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { RegistryStreams } from '../../application/registry-streams';
import { ResidentPersonalDataService } from '../../application/resident-personal-data';
import { MoveWithinStationRequest } from './move-within-station.request.dto';

@Injectable()
export class MoveWithinStationHandler {
  constructor(
    private readonly streams: RegistryStreams,
    private readonly personalData: ResidentPersonalDataService,
  ) {}

  async execute(stationId: string, residentId: string, request: MoveWithinStationRequest, context: CommandContext): Promise<CommandOutcome> {
    const { state, version } = await this.personalData.known(stationId, residentId);
    const personal = await this.personalData.rewrite(state, (current) => ({
      ...current,
      address: { building: request.building, unit: request.unit, ...(request.room ? { room: request.room } : {}) },
    }));
    const result = await this.streams.resident(
      stationId,
      {
        type: 'MoveWithinStation',
        data: { residentId, compound: request.compound, personal, ...(request.movedOn ? { movedOn: request.movedOn } : {}) },
      },
      context,
      { expectedVersion: version },
    );
    return RegistryStreams.outcome(result);
  }
}
