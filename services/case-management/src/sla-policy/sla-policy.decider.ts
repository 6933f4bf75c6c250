import { CASE_CATEGORIES, CaseCategory, CasesEvent, DEFAULT_WORKING_CALENDAR, SlaPolicySetData, SlaTerms } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';

/**
 * A service center's SLA policy (服务时限标准), one stream per center: `slapolicy-<centerId>-policy`. The center
 * sets it once for all its stations, so every station follows one service process (统一服务流程). A case takes a
 * snapshot of it when it is opened; changing the policy never moves the deadlines of cases already open.
 */

export type SlaPolicy = Omit<SlaPolicySetData, 'at' | 'version'>;
export type SetSlaPolicy = { type: 'SetSlaPolicy'; data: SlaPolicy; metadata: CommandMetadata };
export type SlaPolicyCommand = SetSlaPolicy;
export type SlaPolicyEvent = Extract<CasesEvent, { type: 'cases.sla-policy-set' }>;
export type SlaPolicyState = { version: 0 } | { version: number; policy: SlaPolicy; setAt: string };

const DAY = 9 * 60;

/** What a center follows until its manager sets a policy: business minutes of Mon–Fri 08:30–17:30. */
export const DEFAULT_SLA_POLICY: Omit<SlaPolicy, 'centerId'> = {
  targets: [
    { category: 'wage-arrears', responseMinutes: 4 * 60, resolutionMinutes: 10 * DAY },
    { category: 'labour-dispute', responseMinutes: DAY, resolutionMinutes: 15 * DAY },
    { category: 'social-insurance', responseMinutes: DAY, resolutionMinutes: 10 * DAY },
    { category: 'school-enrolment', responseMinutes: DAY, resolutionMinutes: 10 * DAY },
    { category: 'job-seeking', responseMinutes: DAY, resolutionMinutes: 10 * DAY },
    { category: 'housing', responseMinutes: DAY, resolutionMinutes: 5 * DAY },
    { category: 'residence-permit', responseMinutes: DAY, resolutionMinutes: 5 * DAY },
    { category: 'emergency-hardship', responseMinutes: 60, resolutionMinutes: 2 * DAY },
    { category: 'neighbour-dispute', responseMinutes: 4 * 60, resolutionMinutes: 15 * DAY },
    { category: 'public-safety', responseMinutes: 30, resolutionMinutes: 3 * DAY },
    { category: 'other', responseMinutes: DAY, resolutionMinutes: 10 * DAY },
  ],
  warningRatio: 0.8,
  reopenWindowDays: 30,
  calendar: DEFAULT_WORKING_CALENDAR,
};

export const slaPolicyDecider: Decider<SlaPolicyCommand, SlaPolicyState, SlaPolicyEvent> = {
  initialState: () => ({ version: 0 }),
  decide(command, state) {
    switch (command.type) {
      case 'SetSlaPolicy': {
        const policy = command.data;
        checkPolicy(policy);
        if ('policy' in state && canonical(state.policy) === canonical(policy)) return [];
        return [{ type: 'cases.sla-policy-set', data: { ...policy, version: state.version + 1, at: command.metadata.now } }];
      }
      default:
        return assertNever(command.type);
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'cases.sla-policy-set': {
        const { at, version, ...policy } = event.data;
        return { version, policy, setAt: at };
      }
      default:
        return assertNever(event.type);
    }
  },
};

/** The terms a new case of `category` is opened under: the center's policy, or the default one. */
export function slaTermsFor(state: SlaPolicyState, category: CaseCategory): SlaTerms {
  const policy = 'policy' in state ? state.policy : DEFAULT_SLA_POLICY;
  const target = policy.targets.find((t) => t.category === category) ?? DEFAULT_SLA_POLICY.targets.find((t) => t.category === category);
  if (!target) throw new RangeError(`No SLA target for ${category}`);
  return {
    policyVersion: state.version,
    responseMinutes: target.responseMinutes,
    resolutionMinutes: target.resolutionMinutes,
    warningRatio: policy.warningRatio,
    reopenWindowDays: policy.reopenWindowDays,
    calendar: policy.calendar,
  };
}

function checkPolicy(policy: SlaPolicy): void {
  const categories = policy.targets.map((t) => t.category);
  const duplicate = categories.find((c, i) => categories.indexOf(c) !== i);
  if (duplicate) throw new DomainError('duplicate-target', `${duplicate} has two targets`, 422, { category: duplicate });
  const missing = CASE_CATEGORIES.filter((c) => !categories.includes(c));
  if (missing.length > 0) {
    throw new DomainError('targets-incomplete', 'One service process sets a target for every category', 422, { missing });
  }
  const late = policy.targets.find((t) => t.responseMinutes > t.resolutionMinutes);
  if (late) {
    throw new DomainError('response-after-resolution', `The response target of ${late.category} is longer than its resolution target`, 422, {
      category: late.category,
    });
  }
  const { holidays, extraWorkdays, workdays, opens, closes } = policy.calendar;
  if (opens >= closes) throw new DomainError('closes-before-opens', 'A working day must close after it opens', 422, { opens, closes });
  if (new Set(workdays).size !== workdays.length) throw new DomainError('duplicate-workday', 'A weekday is named twice', 422);
  const both = holidays.find((day) => extraWorkdays.includes(day));
  if (both) throw new DomainError('holiday-and-workday', `${both} is both a holiday and a make-up workday`, 422, { date: both });
}

/** Neither the order of the lists nor that of the keys makes two policies differ. */
function canonical(policy: SlaPolicy): string {
  return JSON.stringify(sortedKeys({
    ...policy,
    targets: [...policy.targets].sort((a, b) => a.category.localeCompare(b.category)),
    calendar: {
      ...policy.calendar,
      workdays: [...policy.calendar.workdays].sort(),
      holidays: [...policy.calendar.holidays].sort(),
      extraWorkdays: [...policy.calendar.extraWorkdays].sort(),
    },
  }));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}
