import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseStreams } from '../../application/case-streams';
import { SetSlaPolicyRequest } from './set-sla-policy.request.dto';

@Injectable()
export class SetSlaPolicyHandler {
  constructor(private readonly streams: CaseStreams) {}

  async execute(centerId: string, request: SetSlaPolicyRequest, context: CommandContext): Promise<CommandOutcome> {
    const { utcOffsetMinutes, workdays, opens, closes, holidays, extraWorkdays } = request.calendar;
    const policy = {
      centerId,
      targets: request.targets.map(({ category, responseMinutes, resolutionMinutes }) => ({ category, responseMinutes, resolutionMinutes })),
      warningRatio: request.warningRatio,
      reopenWindowDays: request.reopenWindowDays,
      calendar: { utcOffsetMinutes, workdays, opens, closes, holidays, extraWorkdays },
    };
    return CaseStreams.outcome(await this.streams.setSlaPolicy({ type: 'SetSlaPolicy', data: policy }, context));
  }
}
