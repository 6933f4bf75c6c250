import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { CancellationRequest } from './cancel-activity.request.dto';

/** Cancels one shift, or the whole activity with every shift still to come. */
@Injectable()
export class CancelActivityHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async cancelActivity(stationId: string, activityId: string, request: CancellationRequest, context: CommandContext): Promise<CommandOutcome> {
    return VolunteeringStreams.outcome(await this.streams.activity(stationId, { type: 'CancelActivity', data: { activityId, reason: request.reason } }, context));
  }

  async cancelShift(stationId: string, activityId: string, shiftId: string, request: CancellationRequest, context: CommandContext): Promise<CommandOutcome> {
    const data = { activityId, shiftId, reason: request.reason };
    return VolunteeringStreams.outcome(await this.streams.activity(stationId, { type: 'CancelShift', data }, context));
  }
}
