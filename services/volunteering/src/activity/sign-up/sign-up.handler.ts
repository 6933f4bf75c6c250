import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';

/** Puts a volunteer on a shift's roster, or takes them off before it starts. */
@Injectable()
export class SignUpHandler {
  constructor(private readonly streams: VolunteeringStreams) {}

  async signUp(stationId: string, activityId: string, shiftId: string, volunteerId: string, context: CommandContext): Promise<CommandOutcome> {
    const volunteer = (await this.streams.volunteerState(stationId, volunteerId)).status;
    const result = await this.streams.activity(stationId, { type: 'SignUp', data: { activityId, shiftId, volunteerId, volunteer } }, context);
    return VolunteeringStreams.outcome(result);
  }

  async cancel(stationId: string, activityId: string, shiftId: string, volunteerId: string, context: CommandContext): Promise<CommandOutcome> {
    return VolunteeringStreams.outcome(await this.streams.activity(stationId, { type: 'CancelSignUp', data: { activityId, shiftId, volunteerId } }, context));
  }
}
