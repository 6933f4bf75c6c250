import { EscalationLevel } from '@kinship/contracts';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { EscalateCaseRequest } from './escalate-case.request.dto';

@Injectable()
export class EscalateCaseHandler {
  constructor(private readonly cases: CaseCommands) {}

  execute(stationId: string, caseId: string, level: EscalationLevel, request: EscalateCaseRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, async (text) => ({ type: 'EscalateCase', data: { caseId, level, reason: await text.encrypt(request.reason) } }));
  }
}
