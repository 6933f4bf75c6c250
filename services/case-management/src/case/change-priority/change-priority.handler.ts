import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { ChangePriorityRequest } from './change-priority.request.dto';

@Injectable()
export class ChangePriorityHandler {
  constructor(private readonly cases: CaseCommands) {}

  execute(stationId: string, caseId: string, request: ChangePriorityRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, () => ({ type: 'ChangePriority', data: { caseId, priority: request.priority } }));
  }
}
