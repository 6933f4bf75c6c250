import { assertNever } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { RegistryStreams } from '../../application/registry-streams';
import { ResidentCommand } from '../resident.decider';
import { PermitStep, RecordPermitStepRequest } from './residence-permit.request.dto';

type PermitCommand = Extract<
  ResidentCommand,
  { type: 'ApplyForResidencePermit' | 'IssueResidencePermit' | 'EndorseResidencePermit' | 'MarkResidencePermitLapsed' | 'RestoreResidencePermit' }
>;

/** Records one step of a resident's residence permit; the decider holds the calendar rules. */
@Injectable()
export class RecordPermitStepHandler {
  constructor(private readonly streams: RegistryStreams) {}

  async execute(stationId: string, residentId: string, step: PermitStep, request: RecordPermitStepRequest, context: CommandContext): Promise<CommandOutcome> {
    const result = await this.streams.resident(stationId, permitCommand(step, residentId, request.on), context);
    return RegistryStreams.outcome(result);
  }
}

function permitCommand(step: PermitStep, residentId: string, on: string | undefined): Omit<PermitCommand, 'metadata'> {
  switch (step) {
    case 'application':
      return { type: 'ApplyForResidencePermit', data: { residentId, ...(on ? { appliedOn: on } : {}) } };
    case 'issue':
      return { type: 'IssueResidencePermit', data: { residentId, ...(on ? { issuedOn: on } : {}) } };
    case 'endorsement':
      return { type: 'EndorseResidencePermit', data: { residentId, ...(on ? { endorsedOn: on } : {}) } };
    case 'lapse':
      return { type: 'MarkResidencePermitLapsed', data: { residentId } };
    case 'restoration':
      return { type: 'RestoreResidencePermit', data: { residentId, ...(on ? { restoredOn: on } : {}) } };
    default:
      return assertNever(step);
  }
}
