import { CasesEvent, ResidentCaseLinkedData } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider } from '@kinship/eventsourcing';

/**
 * A resident's case file (个人案卷), one stream per resident and district: `casefile-<districtId>-<residentId>`.
 * It lists every case that concerns the resident, at whichever station, so a transfer or an erasure reaches all
 * of them without scanning every case. A link is written before the case it points to: a link whose case was
 * never written (the process died in between) points to an empty stream, which readers skip.
 */

export type LinkCase = { type: 'LinkCase'; data: Omit<ResidentCaseLinkedData, 'at'>; metadata: CommandMetadata };
export type CaseFileCommand = LinkCase;
export type CaseFileEvent = Extract<CasesEvent, { type: 'cases.resident-case-linked' }>;

export interface CaseLink {
  caseId: string;
  stationId: string;
}

export interface CaseFileState {
  links: CaseLink[];
}

export const caseFileDecider: Decider<CaseFileCommand, CaseFileState, CaseFileEvent> = {
  initialState: () => ({ links: [] }),
  decide(command, state) {
    switch (command.type) {
      case 'LinkCase': {
        const { caseId, stationId } = command.data;
        if (state.links.some((link) => link.caseId === caseId && link.stationId === stationId)) return [];
        return [{ type: 'cases.resident-case-linked', data: { ...command.data, at: command.metadata.now } }];
      }
      default:
        return assertNever(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'cases.resident-case-linked':
        return { links: [...state.links, { caseId: event.data.caseId, stationId: event.data.stationId }] };
      default:
        return assertNever(event.type);
    }
  },
};
