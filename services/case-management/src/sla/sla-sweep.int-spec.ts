import { addCalendarDays, localDate, startOfLocalDate } from '@kinship/contracts';
import { CaseManagementTestApp, startCaseManagementTestApp } from '../testing/case-management-test-app';
import { SLA_WATCH_COLLECTION } from './sla-sweep';

/** SLA warnings, breaches and court-confirmation reminders recorded as events by the sweep. */

let t: CaseManagementTestApp;
const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const today = () => localDate({ utcOffsetMinutes: 480 }, new Date().toISOString());

beforeAll(async () => {
  t = await startCaseManagementTestApp();
});

afterAll(async () => {
  await t.close();
});

async function watched(): Promise<void> {
  await t.sweep.waitFor(await t.headPosition(), 5000);
}

const alertsOf = async (stationId: string, caseId: string) =>
  (await t.caseEvents(stationId, caseId)).filter((e) => e.type === 'cases.sla-warning-raised' || e.type === 'cases.sla-breached').map((e) => [e.type, (e.data as { target: string }).target]);

describe('when a case is left untouched past its targets', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await t.openCase('guangrui-1');
    await watched();
  });

  it('records nothing before a warning is due', async () => {
    expect(await t.sweep.sweep(new Date().toISOString())).toBe(0);
    expect(await alertsOf('guangrui-1', caseId)).toEqual([]);
  });

  it('records each warning before its breach, once, however often the sweep runs', async () => {
    const sla = await t.get('staffGuangrui1', `/stations/guangrui-1/cases/${caseId}/sla`);
    const later = inDays(40);

    expect(await t.sweep.sweep(later)).toBe(4);
    expect(await t.sweep.sweep(later)).toBe(0);
    await watched();
    expect(await t.sweep.sweep(inDays(41))).toBe(0);

    expect(await alertsOf('guangrui-1', caseId)).toEqual([
      ['cases.sla-warning-raised', 'response'],
      ['cases.sla-breached', 'response'],
      ['cases.sla-warning-raised', 'resolution'],
      ['cases.sla-breached', 'resolution'],
    ]);
    const breach = (await t.caseEvents('guangrui-1', caseId)).find((e) => e.type === 'cases.sla-breached');
    expect(breach?.data).toMatchObject({ dueAt: (sla.body as { response: { dueAt: string } }).response.dueAt, at: later });
    expect(await t.documents.collection(SLA_WATCH_COLLECTION).then((c) => c.get(`case-guangrui-1-${caseId}`))).toBeNull();
  });

  it('leaves the clock’s answer as it was: the alerts are records, never inputs', async () => {
    const before = (await t.get('staffGuangrui1', `/stations/guangrui-1/cases/${caseId}/sla`)).body as Record<string, unknown>;
    expect(before['recordedAlerts']).toEqual(['warning:response', 'breach:response', 'warning:resolution', 'breach:resolution']);
    const fresh = await t.openCase('guangrui-1');
    const reading = (await t.get('staffGuangrui1', `/stations/guangrui-1/cases/${fresh}/sla`)).body as Record<string, unknown>;
    expect(reading['recordedAlerts']).toEqual([]);
    expect(Object.keys(reading).sort()).toEqual(Object.keys(before).sort());
  });
});

describe('when a case is taken up in time', () => {
  it('owes no response alarm any more, only those of the resolution', async () => {
    const caseId = await t.openCase('guangrui-1');
    await t.post('staffGuangrui1', `/stations/guangrui-1/cases/${caseId}/assignment`, { assigneeId: 'worker-li' });
    await watched();
    await t.sweep.sweep(inDays(40));
    expect(await alertsOf('guangrui-1', caseId)).toEqual([
      ['cases.sla-warning-raised', 'resolution'],
      ['cases.sla-breached', 'resolution'],
    ]);
  });

  it('owes nothing while it waits for the resident', async () => {
    const caseId = await t.openCase('guangrui-1');
    await t.post('staffGuangrui1', `/stations/guangrui-1/cases/${caseId}/information-requests`, { what: '请提供工资条' });
    await watched();
    await t.sweep.sweep(inDays(60));
    expect(await alertsOf('guangrui-1', caseId)).toEqual([]);
  });
});

describe('when a mediation agreement nears the end of its court-confirmation window', () => {
  it('reminds the station once, seven days before the window closes, unless a request was recorded', async () => {
    const residents = [await t.register('guangrui-1'), await t.register('guangrui-1')];
    const opened = await t.post<{ caseId: string }>('staffGuangrui1', '/stations/guangrui-1/cases', {
      residentIds: residents,
      group: 'safety',
      category: 'neighbour-dispute',
      description: '停车位纠纷',
      channel: 'walk-in',
    });
    const url = `/stations/guangrui-1/cases/${opened.body.caseId}`;
    await t.post('staffGuangrui1', `${url}/assignment`, { assigneeId: 'worker-li' });
    const session = await t.post<{ sessionId: string }>('staffGuangrui1', `${url}/mediation/sessions`, { scheduledFor: inDays(0), place: '调解室', partyIds: residents });
    await t.post('staffGuangrui1', `${url}/mediation/sessions/${session.body.sessionId}/record`, { attendeePartyIds: residents, record: '双方同意轮流使用' });
    await t.post('staffGuangrui1', `${url}/mediation/agreement`, {
      sessionId: session.body.sessionId,
      duties: [{ partyId: residents[0], what: '让出周末车位', dueOn: addCalendarDays(today(), 60) }],
    });
    await t.post('staffGuangrui1', `${url}/resolution`, { outcome: 'resolved' });
    await watched();

    const remindOn = startOfLocalDate({ utcOffsetMinutes: 480 }, addCalendarDays(today(), 23));
    const reminders = async () => (await t.caseEvents('guangrui-1', opened.body.caseId)).filter((e) => e.type === 'cases.court-confirmation-reminder-raised');
    await t.sweep.sweep(new Date(Date.parse(remindOn) - 1000).toISOString());
    expect(await reminders()).toEqual([]);
    await t.sweep.sweep(remindOn);
    await watched();
    await t.sweep.sweep(inDays(29));
    expect((await reminders()).map((e) => e.data)).toEqual([
      { caseId: opened.body.caseId, agreementId: expect.any(String), deadline: addCalendarDays(today(), 30), at: remindOn },
    ]);
  });
});
