import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { ResolveCaseRequest } from './resolve-case.request.dto';

@Injectable()
export class ResolveCaseHandler {
  constructor(private readonly cases: CaseCommands) {}

  execute(stationId: string, caseId: string, request: ResolveCaseRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, async (text) => ({
      type: 'ResolveCase',
      data: { caseId, outcome: request.outcome, ...(await text.optional('summary', request.summary)) },
    }));
  }
}
