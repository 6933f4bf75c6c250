import { Injectable } from '@nestjs/common';
import { CaseStreams } from '../../application/case-streams';
import { DEFAULT_SLA_POLICY, SlaPolicy } from '../sla-policy.decider';

export interface SlaPolicyView extends SlaPolicy {
  /** 0 while the center follows the default policy. */
  version: number;
  setAt: string | null;
  isDefault: boolean;
}

@Injectable()
export class GetSlaPolicyHandler {
  constructor(private readonly streams: CaseStreams) {}

  async execute(centerId: string): Promise<SlaPolicyView> {
    const state = await this.streams.slaPolicy(centerId);
    if ('policy' in state) return { ...state.policy, version: state.version, setAt: state.setAt, isDefault: false };
    return { centerId, ...DEFAULT_SLA_POLICY, version: 0, setAt: null, isDefault: true };
  }
}
