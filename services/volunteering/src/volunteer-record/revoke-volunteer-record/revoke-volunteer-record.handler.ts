import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { RevokeVolunteerRecordRequest } from './revoke-volunteer-record.request.dto';

@Injectable()
export class RevokeVolunteerRecordHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async execute(stationId: string, serial: string, request: RevokeVolunteerRecordRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { serial: serial.toUpperCase(), stationId, reason: request.reason };
    return VolunteeringStreams.outcome(await this.streams.volunteerRecord({ type: 'RevokeVolunteerRecord', data }, context));
  }
}
