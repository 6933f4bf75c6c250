import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { RecordFeedbackRequest } from './record-feedback.request.dto';

@Injectable()
export class RecordFeedbackHandler {
  constructor(private readonly cases: CaseCommands) {}

  execute(stationId: string, caseId: string, request: RecordFeedbackRequest, context: CommandContext): Promise<CommandOutcome> {
    const feedback = request.refused ? { kind: 'refused' as const } : { kind: 'rated' as const, satisfaction: request.satisfaction as number };
    return this.cases.outcome(stationId, caseId, context, async (text) => ({
      type: 'RecordFeedback',
      data: { caseId, feedback, ...(await text.optional('comment', request.comment)) },
    }));
  }
}
