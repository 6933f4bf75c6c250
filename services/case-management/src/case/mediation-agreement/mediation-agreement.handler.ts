import { CommandContext, CommandOutcome, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { CaseStreams } from '../../application/case-streams';
import { AgreementReachedResponse, CheckDutyRequest, ReachMediationAgreementRequest, RecordCourtConfirmationRequestRequest } from './mediation-agreement.request.dto';

/** The mediation agreement (调解协议): its structured duties, their follow-up checks and the court confirmation. */
@Injectable()
export class MediationAgreementHandler {
  constructor(private readonly cases: CaseCommands) {}

  async reach(stationId: string, caseId: string, request: ReachMediationAgreementRequest, context: CommandContext): Promise<AgreementReachedResponse> {
    const agreementId = uuidv7();
    const dutyIds = request.duties.map(() => uuidv7());
    const result = await this.cases.run(stationId, caseId, context, async (text) => {
      const duties = [];
      for (const [i, duty] of request.duties.entries()) duties.push({ dutyId: dutyIds[i], partyId: duty.partyId, what: await text.encrypt(duty.what), dueOn: duty.dueOn });
      return {
        type: 'ReachMediationAgreement',
        data: { caseId, agreementId, sessionId: request.sessionId, duties, ...(request.reachedOn ? { reachedOn: request.reachedOn } : {}) },
      };
    });
    const reached = result.events[0].data as { courtConfirmationDeadline: string };
    return { agreementId, dutyIds, courtConfirmationDeadline: reached.courtConfirmationDeadline, ...CaseStreams.outcome(result) };
  }

  checkDuty(stationId: string, caseId: string, dutyId: string, request: CheckDutyRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, async (text) => ({
      type: 'CheckDuty',
      data: { caseId, dutyId, result: request.result, ...(request.checkedOn ? { checkedOn: request.checkedOn } : {}), ...(await text.optional('note', request.note)) },
    }));
  }

  requestCourtConfirmation(stationId: string, caseId: string, request: RecordCourtConfirmationRequestRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, () => ({
      type: 'RecordCourtConfirmationRequest',
      data: { caseId, ...(request.requestedOn ? { requestedOn: request.requestedOn } : {}) },
    }));
  }
}
