import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';

@Injectable()
export class CloseCaseHandler {
  constructor(private readonly cases: CaseCommands) {}

  execute(stationId: string, caseId: string, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, () => ({ type: 'CloseCase', data: { caseId } }));
  }
}
