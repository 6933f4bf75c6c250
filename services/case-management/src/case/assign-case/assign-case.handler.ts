import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { AssignCaseRequest } from './assign-case.request.dto';

@Injectable()
export class AssignCaseHandler {
  constructor(private readonly cases: CaseCommands) {}

  execute(stationId: string, caseId: string, request: AssignCaseRequest, context: CommandContext): Promise<CommandOutcome> {
    const assignee = { userId: request.assigneeId, kind: request.assigneeKind ?? 'worker' };
    return this.cases.outcome(stationId, caseId, context, () => ({ type: 'AssignCase', data: { caseId, assignee } }));
  }
}
