import { CASE_CATEGORIES, casesEventContracts, DEFAULT_WORKING_CALENDAR } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { DEFAULT_SLA_POLICY, SlaPolicy, SlaPolicyCommand, slaPolicyDecider, SlaPolicyEvent, slaTermsFor } from './sla-policy.decider';

const NOW = '2026-03-02T02:00:00.000Z';
const policy: SlaPolicy = { centerId: 'guangrui', ...DEFAULT_SLA_POLICY, warningRatio: 0.75 };
const set = (data: SlaPolicy): SlaPolicyCommand => ({
  type: 'SetSlaPolicy',
  data,
  metadata: { now: NOW, actor: { userId: 'manager-1', role: 'center-manager' }, correlationId: 'c-1', tenantId: 'guangrui' },
});
const policySet = (version: number, data: SlaPolicy = policy): SlaPolicyEvent => ({ type: 'cases.sla-policy-set', data: { ...data, version, at: NOW } });
const spec = deciderSpec(slaPolicyDecider, { contracts: casesEventContracts });

describe('the SLA policy of a service center', () => {
  describe('when the center manager sets it', () => {
    it('records it as the next version', () => {
      spec.given([]).when(set(policy)).then([policySet(1)]);
      spec.given([policySet(1)]).when(set({ ...policy, reopenWindowDays: 14 })).then([policySet(2, { ...policy, reopenWindowDays: 14 })]);
    });

    it('changes nothing when the same policy is set again, in whatever order it is written', () => {
      const reordered = { ...policy, targets: [...policy.targets].reverse(), calendar: { ...policy.calendar, workdays: [5, 4, 3, 2, 1] } };
      spec.given([policySet(1)]).when(set(reordered)).then([]);
    });

    it('rejects a category without a target or with two, a response target longer than the resolution, and a calendar that cannot be', () => {
      spec.given([]).when(set({ ...policy, targets: policy.targets.slice(1) })).thenRejects('targets-incomplete', { status: 422, details: { missing: ['wage-arrears'] } });
      spec.given([]).when(set({ ...policy, targets: [...policy.targets, policy.targets[0]] })).thenRejects('duplicate-target', { status: 422 });
      const slowResponse = policy.targets.map((t) => (t.category === 'housing' ? { ...t, responseMinutes: t.resolutionMinutes + 1 } : t));
      spec.given([]).when(set({ ...policy, targets: slowResponse })).thenRejects('response-after-resolution', { details: { category: 'housing' } });
      spec.given([]).when(set({ ...policy, calendar: { ...DEFAULT_WORKING_CALENDAR, opens: '18:00' } })).thenRejects('closes-before-opens');
      spec.given([]).when(set({ ...policy, calendar: { ...DEFAULT_WORKING_CALENDAR, workdays: [1, 1] } })).thenRejects('duplicate-workday');
      spec
        .given([])
        .when(set({ ...policy, calendar: { ...DEFAULT_WORKING_CALENDAR, holidays: ['2026-10-01'], extraWorkdays: ['2026-10-01'] } }))
        .thenRejects('holiday-and-workday', { details: { date: '2026-10-01' } });
    });
  });

  describe('when a case takes its terms from it', () => {
    it('takes the default policy until one is set, then the center’s', () => {
      expect(slaTermsFor({ version: 0 }, 'emergency-hardship')).toEqual({
        policyVersion: 0,
        responseMinutes: 60,
        resolutionMinutes: 1080,
        warningRatio: 0.8,
        reopenWindowDays: 30,
        calendar: DEFAULT_WORKING_CALENDAR,
      });
      const state = [policySet(3)].reduce(slaPolicyDecider.evolve, slaPolicyDecider.initialState());
      expect(slaTermsFor(state, 'housing')).toMatchObject({ policyVersion: 3, warningRatio: 0.75 });
    });

    it('has a default target for every category', () => {
      for (const category of CASE_CATEGORIES) expect(slaTermsFor({ version: 0 }, category).responseMinutes).toBeGreaterThan(0);
    });
  });
});
