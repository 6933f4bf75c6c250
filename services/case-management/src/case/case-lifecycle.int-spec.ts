import { addCalendarDays, caseTextSubject, localDate } from '@kinship/contracts';
import { CaseManagementTestApp, startCaseManagementTestApp } from '../testing/case-management-test-app';

/** A wage-arrears case at guangrui-1, from opening to closing and back, over HTTP. */

let t: CaseManagementTestApp;
const today = () => localDate({ utcOffsetMinutes: 480 }, new Date().toISOString());
const base = (caseId: string) => `/stations/guangrui-1/cases/${caseId}`;

beforeAll(async () => {
  t = await startCaseManagementTestApp();
});

afterAll(async () => {
  await t.close();
});

describe('when a caseworker opens a case for a registered resident', () => {
  it('answers 201 with the case id and its position, and keeps the description only as ciphertext', async () => {
    const residentId = await t.register('guangrui-1');
    const reply = await t.post<{ caseId: string; streamVersion: number; position: number }>('staffGuangrui1', '/stations/guangrui-1/cases', {
      residentIds: [residentId],
      group: 'rights-protection',
      category: 'wage-arrears',
      description: '工地拖欠三个月工资',
      priority: 'high',
      channel: 'walk-in',
      consentScope: ['labour-inspection', 'legal-aid'],
    });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ caseId: expect.any(String), streamVersion: 0, position: expect.any(Number) });
    const [opened] = await t.caseEvents('guangrui-1', reply.body.caseId);
    expect(opened).toMatchObject({
      type: 'cases.case-opened',
      data: { residentIds: [residentId], priority: 'high', terms: { policyVersion: 0, responseMinutes: 240, resolutionMinutes: 5400 } },
    });
    expect(JSON.stringify(opened)).not.toContain('拖欠');
    const description = (opened.data as { description: string }).description;
    expect(await t.cipher.decrypt(caseTextSubject(reply.body.caseId), description)).toBe('工地拖欠三个月工资');
  });

  it('refuses a resident who is not registered at the station, and a category the group does not handle, appending nothing', async () => {
    const elsewhere = await t.register('guangyi');
    const before = await t.headPosition();
    const form = { group: 'rights-protection', category: 'wage-arrears', description: 'x', channel: 'phone' };

    const foreign = await t.post('staffGuangrui1', '/stations/guangrui-1/cases', { ...form, residentIds: [elsewhere] });
    const unknown = await t.post('staffGuangrui1', '/stations/guangrui-1/cases', { ...form, residentIds: ['nobody'] });
    const misfiled = await t.post('staffGuangrui1', '/stations/guangrui-1/cases', { ...form, residentIds: [await t.register('guangrui-1')], group: 'safety' });

    expect(foreign.status).toBe(422);
    expect(foreign.body).toMatchObject({ code: 'resident-not-registered-here', details: { residentId: elsewhere, presence: 'unknown' } });
    expect(unknown.body).toMatchObject({ status: 422, code: 'resident-not-registered-here' });
    expect(misfiled.body).toMatchObject({ status: 422, code: 'category-not-in-group' });
    expect(await t.headPosition()).toBe(before + 1);
  });
});

describe('when the case is worked on', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await t.openCase('guangrui-1');
  });

  it('is assigned, reassigned, noted and reprioritised', async () => {
    expect((await t.post('staffGuangrui1', `${base(caseId)}/assignment`, { assigneeId: 'worker-li' })).body).toEqual({ streamVersion: 1, position: expect.any(Number) });
    expect((await t.post('staffGuangrui1', `${base(caseId)}/assignment`, { assigneeId: 'council-wang', assigneeKind: 'council-member' })).status).toBe(200);
    const note = await t.post<{ noteId: string }>('staffGuangrui1', `${base(caseId)}/notes`, { text: '已电话联系企业负责人' });
    expect(note.status).toBe(201);
    expect(note.body.noteId).toEqual(expect.any(String));
    expect((await t.post('staffGuangrui1', `${base(caseId)}/priority`, { priority: 'urgent' })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${base(caseId)}/consent`, { consentScope: ['labour-inspection', 'court'] })).status).toBe(200);

    const again = await t.post('staffGuangrui1', `${base(caseId)}/assignment`, { assigneeId: 'council-wang', assigneeKind: 'council-member' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already-assigned' });
  });

  it('waits for the resident and for a department, with the SLA clock paused meanwhile', async () => {
    const asked = await t.post<{ requestId: string }>('staffGuangrui1', `${base(caseId)}/information-requests`, {
      what: '请提供劳动合同复印件',
      dueOn: addCalendarDays(today(), 7),
    });
    expect(asked.status).toBe(201);
    const referral = await t.post<{ referralId: string }>('staffGuangrui1', `${base(caseId)}/referrals`, {
      department: 'labour-inspection',
      shared: ['contact', 'case-description'],
      shareUntil: addCalendarDays(today(), 60),
      reason: '企业拒不支付',
    });
    expect(referral.status).toBe(201);

    const paused = await t.get('staffGuangrui1', `${base(caseId)}/sla`);
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ state: 'paused', pausedFor: ['awaiting-department', 'awaiting-resident'], response: { status: 'met' } });

    const outside = await t.post('staffGuangrui1', `${base(caseId)}/referrals`, { department: 'public-security', shared: ['contact'], shareUntil: addCalendarDays(today(), 5), reason: 'x' });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ code: 'referral-outside-consent' });

    const resolvingTooSoon = await t.post('staffGuangrui1', `${base(caseId)}/resolution`, { outcome: 'resolved' });
    expect(resolvingTooSoon.status).toBe(409);
    expect(resolvingTooSoon.body).toMatchObject({ code: 'requests-outstanding', details: { informationRequests: [asked.body.requestId], referrals: [referral.body.referralId] } });

    expect((await t.post('staffGuangrui1', `${base(caseId)}/information-requests/${asked.body.requestId}/closure`, { outcome: 'received', summary: '合同已提供' })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${base(caseId)}/referrals/${referral.body.referralId}/closure`, { outcome: 'answered', reply: '已立案调查' })).status).toBe(200);
    const unknownReferral = await t.post('staffGuangrui1', `${base(caseId)}/referrals/nope/closure`, { outcome: 'answered' });
    expect(unknownReferral.status).toBe(404);
    expect(unknownReferral.body).toMatchObject({ code: 'referral-not-found' });

    expect((await t.get('staffGuangrui1', `${base(caseId)}/sla`)).body).toMatchObject({ state: 'running', pausedFor: [] });
  });

  it('is escalated to the station lead by a worker and to the service center by the lead only', async () => {
    expect((await t.post('staffGuangrui1', `${base(caseId)}/escalation/station-lead`, { reason: '企业态度强硬' })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${base(caseId)}/escalation/service-center`, { reason: '需要中心协调' })).status).toBe(403);
    expect((await t.post('leadGuangrui1', `${base(caseId)}/escalation/service-center`, { reason: '需要中心协调' })).status).toBe(200);
    const back = await t.post('leadGuangrui1', `${base(caseId)}/escalation/station-lead`, { reason: 'x' });
    expect(back.body).toMatchObject({ status: 409, code: 'already-escalated' });
  });

  it('is resolved, closes only with feedback, and reopens within the window', async () => {
    expect((await t.post('staffGuangrui1', `${base(caseId)}/resolution`, { outcome: 'resolved', summary: '工资已全额追回' })).status).toBe(200);
    const early = await t.post('staffGuangrui1', `${base(caseId)}/closure`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'feedback-missing' });

    expect((await t.post('staffGuangrui1', `${base(caseId)}/feedback`, { satisfaction: 5, comment: '非常感谢' })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${base(caseId)}/closure`)).status).toBe(200);
    const noteOnClosed = await t.post('staffGuangrui1', `${base(caseId)}/notes`, { text: 'x' });
    expect(noteOnClosed.body).toMatchObject({ status: 409, code: 'case-closed' });

    expect((await t.post('staffGuangrui1', `${base(caseId)}/reopening`, { reason: '企业再次拖欠' })).status).toBe(200);
    const sla = await t.get('staffGuangrui1', `${base(caseId)}/sla`);
    expect(sla.body).toMatchObject({ state: 'running', response: { status: 'met' }, resolution: { metAt: null } });

    expect((await t.post('staffGuangrui1', `${base(caseId)}/resolution`, { outcome: 'partially-resolved' })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${base(caseId)}/feedback`, { refused: true })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${base(caseId)}/closure`)).status).toBe(200);

    const types = (await t.caseEvents('guangrui-1', caseId)).map((e) => e.type);
    expect(types.filter((type) => type === 'cases.case-closed')).toHaveLength(2);
    expect(types).toContain('cases.case-reopened');
  });

  it('answers 404 for a case the station does not have', async () => {
    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/cases/no-such-case/notes', { text: 'x' });
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'case-not-found' });
    expect((await t.get('staffGuangrui1', '/stations/guangrui-1/cases/no-such-case/sla')).status).toBe(404);
  });
});

describe('when the station lead hands a case over to another station', () => {
  it('ends it here and opens it there with the same id, under that station’s SLA', async () => {
    const caseId = await t.openCase('guangrui-1');
    await t.post('staffGuangrui1', `${base(caseId)}/priority`, { priority: 'high' });

    const byStaff = await t.post('staffGuangrui1', `${base(caseId)}/hand-over`, { toStationId: 'guangyi' });
    const reply = await t.post<{ position: number }>('leadGuangrui1', `${base(caseId)}/hand-over`, { toStationId: 'guangyi' });
    const retried = await t.post<{ position: number }>('leadGuangrui1', `${base(caseId)}/hand-over`, { toStationId: 'guangyi' });

    expect(byStaff.status).toBe(403);
    expect(reply.status).toBe(200);
    expect(retried.body).toEqual(reply.body);
    expect((await t.caseEvents('guangrui-1', caseId)).at(-1)).toMatchObject({ type: 'cases.case-handed-over', data: { toStationId: 'guangyi', cause: 'station-decision' } });
    const received = await t.caseEvents('guangyi', caseId);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ type: 'cases.case-received', data: { fromStationId: 'guangrui-1', stationId: 'guangyi', priority: 'high' } });
    expect((await t.post('staffGuangyi', `/stations/guangyi/cases/${caseId}/assignment`, { assigneeId: 'worker-zhao' })).status).toBe(200);

    const outside = await t.post('leadGuangrui1', `${base(await t.openCase('guangrui-1'))}/hand-over`, { toStationId: 'guangrui' });
    expect(outside.body).toMatchObject({ status: 422, code: 'unknown-station' });
  });
});
