import { readSla, SlaReading } from '@kinship/contracts';
import { Injectable } from '@nestjs/common';
import { CaseStreams } from '../../application/case-streams';

export interface CaseSlaView extends SlaReading {
  caseId: string;
  stationId: string;
  status: SlaReading['status'];
  /** The warnings and breaches the sweep has recorded so far (the reading above never depends on them). */
  recordedAlerts: string[];
}

/** The SLA clock of one case, computed from its events and the time of the request. */
@Injectable()
export class GetCaseSlaHandler {
  constructor(private readonly streams: CaseStreams) {}

  async execute(stationId: string, caseId: string, now: string): Promise<CaseSlaView> {
    const record = await this.streams.requireCase(stationId, caseId);
    return { caseId, stationId, ...readSla(record.clock, now), recordedAlerts: record.slaAlerts };
  }
}
