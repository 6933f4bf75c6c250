import { CommandContext, CommandOutcome, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { CaseReferredResponse, CloseReferralRequest, ReferCaseRequest } from './referral.request.dto';

/** Refers a case to a government department (pausing the SLA clock) and records its answer (resuming it). */
@Injectable()
export class ReferralHandler {
  constructor(private readonly cases: CaseCommands) {}

  async refer(stationId: string, caseId: string, request: ReferCaseRequest, context: CommandContext): Promise<CaseReferredResponse> {
    const referralId = uuidv7();
    const { department, shared, shareUntil } = request;
    const outcome = await this.cases.outcome(stationId, caseId, context, async (text) => ({
      type: 'ReferCase',
      data: { caseId, referralId, department, shared, shareUntil, reason: await text.encrypt(request.reason) },
    }));
    return { referralId, ...outcome };
  }

  close(stationId: string, caseId: string, referralId: string, request: CloseReferralRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, async (text) => ({
      type: 'CloseReferral',
      data: { caseId, referralId, outcome: request.outcome, ...(await text.optional('reply', request.reply)) },
    }));
  }
}
