import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { ReopenCaseRequest } from './reopen-case.request.dto';

@Injectable()
export class ReopenCaseHandler {
  constructor(private readonly cases: CaseCommands) {}

  execute(stationId: string, caseId: string, request: ReopenCaseRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, async (text) => ({ type: 'ReopenCase', data: { caseId, reason: await text.encrypt(request.reason) } }));
  }
}
