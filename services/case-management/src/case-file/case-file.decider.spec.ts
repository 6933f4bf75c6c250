import { casesEventContracts } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { CaseFileCommand, caseFileDecider, CaseFileEvent } from './case-file.decider';

const NOW = '2026-03-02T02:00:00.000Z';
const link = (stationId: string): CaseFileCommand => ({
  type: 'LinkCase',
  data: { residentId: 'res-1', caseId: 'case-1', stationId },
  metadata: { now: NOW, actor: { userId: 'worker-1', role: 'station-staff' }, correlationId: 'c-1', tenantId: 'liangxi' },
});
const linked = (stationId: string): CaseFileEvent => ({ type: 'cases.resident-case-linked', data: { residentId: 'res-1', caseId: 'case-1', stationId, at: NOW } });
const spec = deciderSpec(caseFileDecider, { contracts: casesEventContracts });

describe('the case file of a resident', () => {
  it('links a case once per station it lives at', () => {
    expect(spec.given([]).when(link('guangrui-1')).then([linked('guangrui-1')])).toEqual({ links: [{ caseId: 'case-1', stationId: 'guangrui-1' }] });
    spec.given([linked('guangrui-1')]).when(link('guangrui-1')).then([]);
    spec.given([linked('guangrui-1')]).when(link('guangyi')).then([linked('guangyi')]);
  });
});
