import { CommandContext, CommandOutcome, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { CloseInformationRequestRequest, InformationRequestedResponse, RequestInformationRequest } from './information-request.request.dto';

/** Asks the resident for information (pausing the SLA clock) and records how the request ended (resuming it). */
@Injectable()
export class InformationRequestHandler {
  constructor(private readonly cases: CaseCommands) {}

  async request(stationId: string, caseId: string, request: RequestInformationRequest, context: CommandContext): Promise<InformationRequestedResponse> {
    const requestId = uuidv7();
    const outcome = await this.cases.outcome(stationId, caseId, context, async (text) => ({
      type: 'RequestInformation',
      data: { caseId, requestId, what: await text.encrypt(request.what), ...(request.dueOn ? { dueOn: request.dueOn } : {}) },
    }));
    return { requestId, ...outcome };
  }

  close(stationId: string, caseId: string, requestId: string, request: CloseInformationRequestRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, async (text) => ({
      type: 'CloseInformationRequest',
      data: { caseId, requestId, outcome: request.outcome, ...(await text.optional('summary', request.summary)) },
    }));
  }
}
