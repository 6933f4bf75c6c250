import { CommandContext, CommandOutcome, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import {
  CancelMediationSessionRequest,
  MediationSessionScheduledResponse,
  RecordMediationSessionRequest,
  ScheduleMediationSessionRequest,
} from './mediation-session.request.dto';

/** Mediation sessions (调解会) of a dispute: scheduled with the parties, then held (and recorded) or cancelled. */
@Injectable()
export class MediationSessionHandler {
  constructor(private readonly cases: CaseCommands) {}

  async schedule(stationId: string, caseId: string, request: ScheduleMediationSessionRequest, context: CommandContext): Promise<MediationSessionScheduledResponse> {
    const sessionId = uuidv7();
    const scheduledFor = new Date(request.scheduledFor).toISOString();
    const outcome = await this.cases.outcome(stationId, caseId, context, () => ({
      type: 'ScheduleMediationSession',
      data: { caseId, sessionId, scheduledFor, place: request.place, partyIds: request.partyIds },
    }));
    return { sessionId, ...outcome };
  }

  record(stationId: string, caseId: string, sessionId: string, request: RecordMediationSessionRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, async (text) => ({
      type: 'RecordMediationSession',
      data: { caseId, sessionId, attendeePartyIds: request.attendeePartyIds, record: await text.encrypt(request.record) },
    }));
  }

  cancel(stationId: string, caseId: string, sessionId: string, request: CancelMediationSessionRequest, context: CommandContext): Promise<CommandOutcome> {
    return this.cases.outcome(stationId, caseId, context, () => ({ type: 'CancelMediationSession', data: { caseId, sessionId, reason: request.reason } }));
  }
}
