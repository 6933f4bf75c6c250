import { DEFAULT_SLA_POLICY } from './sla-policy/sla-policy.decider';
import { CaseManagementTestApp, HttpMethod, startCaseManagementTestApp } from './testing/case-management-test-app';

/** Bad input on every endpoint: 400 problem+json naming the field, and nothing appended. */

let t: CaseManagementTestApp;
let caseId: string;
let dispute: string;

beforeAll(async () => {
  t = await startCaseManagementTestApp();
  caseId = await t.openCase('guangrui-1');
  dispute = await t.openCase('guangrui-1', { group: 'safety', category: 'neighbour-dispute' });
});

afterAll(async () => {
  await t.close();
});

type BadRequest = [name: string, method: HttpMethod, path: (c: string, d: string) => string, body: unknown, field: string];

const opening = { residentIds: ['r-1'], group: 'services', category: 'housing', description: '找房', channel: 'walk-in' };
const calendar = DEFAULT_SLA_POLICY.calendar;
const BAD: BadRequest[] = [
  ['open: no resident', 'POST', () => '/stations/guangrui-1/cases', { ...opening, residentIds: [] }, 'residentIds'],
  ['open: unknown group', 'POST', () => '/stations/guangrui-1/cases', { ...opening, group: 'finance' }, 'group'],
  ['open: unknown category', 'POST', () => '/stations/guangrui-1/cases', { ...opening, category: 'tax' }, 'category'],
  ['open: blank description', 'POST', () => '/stations/guangrui-1/cases', { ...opening, description: '   ' }, 'description'],
  ['open: unknown channel', 'POST', () => '/stations/guangrui-1/cases', { ...opening, channel: 'pigeon' }, 'channel'],
  ['open: unknown department in consent', 'POST', () => '/stations/guangrui-1/cases', { ...opening, consentScope: ['army'] }, 'consentScope'],
  ['open: unknown field', 'POST', () => '/stations/guangrui-1/cases', { ...opening, status: 'closed' }, 'status'],
  ['open: consent scope sent as null', 'POST', () => '/stations/guangrui-1/cases', { ...opening, consentScope: null }, 'consentScope'],
  ['open: priority sent as null', 'POST', () => '/stations/guangrui-1/cases', { ...opening, priority: null }, 'priority'],
  ['assign: no assignee', 'POST', (c) => `/stations/guangrui-1/cases/${c}/assignment`, {}, 'assigneeId'],
  ['assign: unknown kind', 'POST', (c) => `/stations/guangrui-1/cases/${c}/assignment`, { assigneeId: 'w', assigneeKind: 'boss' }, 'assigneeKind'],
  ['priority: unknown', 'POST', (c) => `/stations/guangrui-1/cases/${c}/priority`, { priority: 'asap' }, 'priority'],
  ['consent: not a list', 'POST', (c) => `/stations/guangrui-1/cases/${c}/consent`, { consentScope: 'court' }, 'consentScope'],
  ['note: too long', 'POST', (c) => `/stations/guangrui-1/cases/${c}/notes`, { text: 'x'.repeat(4001) }, 'text'],
  ['information request: bad due date', 'POST', (c) => `/stations/guangrui-1/cases/${c}/information-requests`, { what: 'x', dueOn: '2026-02-30' }, 'dueOn'],
  ['information request closure: unknown outcome', 'POST', (c) => `/stations/guangrui-1/cases/${c}/information-requests/q/closure`, { outcome: 'lost' }, 'outcome'],
  ['referral: nothing shared', 'POST', (c) => `/stations/guangrui-1/cases/${c}/referrals`, { department: 'court', shared: [], shareUntil: '2026-12-01', reason: 'x' }, 'shared'],
  ['referral: no end to sharing', 'POST', (c) => `/stations/guangrui-1/cases/${c}/referrals`, { department: 'court', shared: ['contact'], reason: 'x' }, 'shareUntil'],
  ['referral closure: unknown outcome', 'POST', (c) => `/stations/guangrui-1/cases/${c}/referrals/f/closure`, { outcome: 'ignored' }, 'outcome'],
  ['escalation: no reason', 'POST', (c) => `/stations/guangrui-1/cases/${c}/escalation/station-lead`, {}, 'reason'],
  ['resolution: unknown outcome', 'POST', (c) => `/stations/guangrui-1/cases/${c}/resolution`, { outcome: 'done' }, 'outcome'],
  ['feedback: neither rating nor refusal', 'POST', (c) => `/stations/guangrui-1/cases/${c}/feedback`, {}, 'satisfaction'],
  ['feedback: both rating and refusal', 'POST', (c) => `/stations/guangrui-1/cases/${c}/feedback`, { satisfaction: 4, refused: true }, 'refused'],
  ['feedback: rating out of range', 'POST', (c) => `/stations/guangrui-1/cases/${c}/feedback`, { satisfaction: 6 }, 'satisfaction'],
  ['reopening: no reason', 'POST', (c) => `/stations/guangrui-1/cases/${c}/reopening`, { reason: '' }, 'reason'],
  ['party: neither resident nor description', 'POST', (_c, d) => `/stations/guangrui-1/cases/${d}/parties`, {}, 'residentId'],
  ['party: both resident and description', 'POST', (_c, d) => `/stations/guangrui-1/cases/${d}/parties`, { residentId: 'r', description: 'x' }, 'description'],
  ['session: not an instant', 'POST', (_c, d) => `/stations/guangrui-1/cases/${d}/mediation/sessions`, { scheduledFor: 'tomorrow', place: 'x', partyIds: ['a', 'b'] }, 'scheduledFor'],
  ['session: one party', 'POST', (_c, d) => `/stations/guangrui-1/cases/${d}/mediation/sessions`, { scheduledFor: '2026-03-02T09:00:00Z', place: 'x', partyIds: ['a'] }, 'partyIds'],
  ['session record: nobody came', 'POST', (_c, d) => `/stations/guangrui-1/cases/${d}/mediation/sessions/s/record`, { attendeePartyIds: [], record: 'x' }, 'attendeePartyIds'],
  ['session cancellation: unknown reason', 'POST', (_c, d) => `/stations/guangrui-1/cases/${d}/mediation/sessions/s/cancellation`, { reason: 'rain' }, 'reason'],
  ['agreement: no duties', 'POST', (_c, d) => `/stations/guangrui-1/cases/${d}/mediation/agreement`, { sessionId: 's', duties: [] }, 'duties'],
  ['agreement: a duty without due date', 'POST', (_c, d) => `/stations/guangrui-1/cases/${d}/mediation/agreement`, { sessionId: 's', duties: [{ partyId: 'a', what: 'x' }] }, 'duties.0.dueOn'],
  ['duty check: unknown result', 'POST', (_c, d) => `/stations/guangrui-1/cases/${d}/mediation/duties/x/checks`, { result: 'maybe' }, 'result'],
  ['court confirmation: bad date', 'POST', (_c, d) => `/stations/guangrui-1/cases/${d}/mediation/court-confirmation`, { requestedOn: '03/02/2026' }, 'requestedOn'],
  ['hand-over: not a station id', 'POST', (c) => `/stations/guangrui-1/cases/${c}/hand-over`, { toStationId: 'Guang Yi' }, 'toStationId'],
  ['policy: no calendar', 'PUT', () => '/centers/guangrui/sla-policy', { ...DEFAULT_SLA_POLICY, calendar: undefined }, 'calendar'],
  ['policy: bad opening time', 'PUT', () => '/centers/guangrui/sla-policy', { ...DEFAULT_SLA_POLICY, calendar: { ...calendar, opens: '8:30' } }, 'calendar.opens'],
  ['policy: a weekday that is not one', 'PUT', () => '/centers/guangrui/sla-policy', { ...DEFAULT_SLA_POLICY, calendar: { ...calendar, workdays: [0] } }, 'calendar.workdays'],
  ['policy: a holiday that is no date', 'PUT', () => '/centers/guangrui/sla-policy', { ...DEFAULT_SLA_POLICY, calendar: { ...calendar, holidays: ['国庆'] } }, 'calendar.holidays'],
  ['policy: warning after the target', 'PUT', () => '/centers/guangrui/sla-policy', { ...DEFAULT_SLA_POLICY, warningRatio: 1.5 }, 'warningRatio'],
  ['policy: target of no minutes', 'PUT', () => '/centers/guangrui/sla-policy', { ...DEFAULT_SLA_POLICY, targets: [{ category: 'housing', responseMinutes: 0, resolutionMinutes: 10 }] }, 'targets.0.responseMinutes'],
];

describe('when a request is malformed', () => {
  it.each(BAD)('%s: 400 naming the field, nothing appended', async (_name, method, path, body, field) => {
    const before = await t.headPosition();
    const caller = method === 'PUT' ? 'centerManager' : 'leadGuangrui1';
    const reply = await t.request<{ code: string; errors: Array<{ field: string }> }>(caller, method, path(caseId, dispute), body);
    expect(reply.status).toBe(400);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.body.code).toBe('validation-failed');
    expect(reply.body.errors.map((e) => e.field)).toContain(field);
    expect(await t.headPosition()).toBe(before);
  });

  it.each(BAD)('%s: a body that is no JSON object gets 400, nothing appended', async (_name, method, path) => {
    const before = await t.headPosition();
    const caller = method === 'PUT' ? 'centerManager' : 'leadGuangrui1';
    for (const payload of ['null', '[]', '"x"']) {
      const reply = await t.app.inject({
        method,
        url: path(caseId, dispute),
        headers: { authorization: `Bearer ${t.token(caller)}`, 'content-type': 'application/json' },
        payload,
      });
      expect({ payload, status: reply.statusCode, body: reply.json() }).toMatchObject({
        payload,
        status: 400,
        body: { code: 'validation-failed', errors: [{ field: '(body)', message: 'the body must be a JSON object' }] },
      });
    }
    expect(await t.headPosition()).toBe(before);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const before = await t.headPosition();
    const reply = await t.app.inject({
      method: 'POST',
      url: `/stations/guangrui-1/cases/${caseId}/notes`,
      headers: { authorization: `Bearer ${t.token('staffGuangrui1')}`, 'content-type': 'application/json' },
      payload: '{"text":',
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ code: 'malformed-request-body' });
    expect(await t.headPosition()).toBe(before);
  });
});
