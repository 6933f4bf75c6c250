import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { UpdateConsentRequest } from './update-consent.request.dto';

@Injectable()
export class UpdateConsentHandler {
  constructor(private readonly cases: CaseCommands) {}

  execute(stationId: string, caseId: string, request: UpdateConsentRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, () => ({ type: 'UpdateConsent', data: { caseId, consentScope: request.consentScope } }));
  }
}
