import { addCalendarDays, localDate } from '@kinship/contracts';
import { CaseManagementTestApp, startCaseManagementTestApp } from '../testing/case-management-test-app';

/** A dispute between a new citizen and an old resident, settled by mediation, over HTTP. */

let t: CaseManagementTestApp;
const today = () => localDate({ utcOffsetMinutes: 480 }, new Date().toISOString());

beforeAll(async () => {
  t = await startCaseManagementTestApp();
});

afterAll(async () => {
  await t.close();
});

describe('when a neighbour dispute is mediated', () => {
  let caseId: string;
  let newCitizen: string;
  let url: string;

  beforeAll(async () => {
    newCitizen = await t.register('guangrui-1');
    const reply = await t.post<{ caseId: string }>('staffGuangrui1', '/stations/guangrui-1/cases', {
      residentIds: [newCitizen],
      group: 'safety',
      category: 'neighbour-dispute',
      description: '楼上漏水，与老住户发生争执',
      channel: 'council-member',
    });
    caseId = reply.body.caseId;
    url = `/stations/guangrui-1/cases/${caseId}`;
  });

  it('brings in the old resident and a second new citizen as parties', async () => {
    const oldResident = await t.post<{ partyId: string }>('staffGuangrui1', `${url}/parties`, { description: '老住户张先生，3栋201' });
    expect(oldResident.status).toBe(201);
    const neighbour = await t.register('guangrui-1');
    const resident = await t.post<{ partyId: string }>('staffGuangrui1', `${url}/parties`, { residentId: neighbour });
    expect(resident.status).toBe(201);
    expect(resident.body.partyId).toBe(neighbour);

    const elsewhere = await t.post('staffGuangrui1', `${url}/parties`, { residentId: await t.register('guangyi') });
    expect(elsewhere.body).toMatchObject({ status: 422, code: 'resident-not-registered-here', details: { field: 'residentId' } });
    const twice = await t.post('staffGuangrui1', `${url}/parties`, { residentId: neighbour });
    expect(twice.body).toMatchObject({ status: 409, code: 'party-already-added' });
  });

  it('schedules sessions, records what was said or cancels them, and reaches an agreement of duties', async () => {
    const events = await t.caseEvents('guangrui-1', caseId);
    const oldResident = events.flatMap((e) => (e.type === 'cases.party-added' && e.data.party.kind === 'other' ? [e.data.party.partyId] : []))[0];
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();

    const first = await t.post<{ sessionId: string }>('staffGuangrui1', `${url}/mediation/sessions`, { scheduledFor: tomorrow, place: '社区议事厅', partyIds: [newCitizen, oldResident] });
    expect(first.status).toBe(201);
    expect((await t.post('staffGuangrui1', `${url}/mediation/sessions/${first.body.sessionId}/cancellation`, { reason: 'party-absent' })).status).toBe(200);
    const second = await t.post<{ sessionId: string }>('staffGuangrui1', `${url}/mediation/sessions`, { scheduledFor: tomorrow, place: '社区议事厅', partyIds: [newCitizen, oldResident] });

    const tooEarly = await t.post('staffGuangrui1', `${url}/mediation/agreement`, {
      sessionId: second.body.sessionId,
      duties: [{ partyId: newCitizen, what: '修复水管', dueOn: addCalendarDays(today(), 7) }],
    });
    expect(tooEarly.body).toMatchObject({ status: 409, code: 'session-not-held' });

    const held = await t.post('staffGuangrui1', `${url}/mediation/sessions/${second.body.sessionId}/record`, {
      attendeePartyIds: [newCitizen, oldResident],
      record: '双方同意：新市民修复水管，老住户撤回投诉',
    });
    expect(held.status).toBe(200);

    const agreement = await t.post<{ agreementId: string; dutyIds: string[]; courtConfirmationDeadline: string }>('staffGuangrui1', `${url}/mediation/agreement`, {
      sessionId: second.body.sessionId,
      duties: [
        { partyId: newCitizen, what: '修复水管并赔偿800元', dueOn: addCalendarDays(today(), 7) },
        { partyId: oldResident, what: '撤回物业投诉', dueOn: addCalendarDays(today(), 3) },
      ],
    });
    expect(agreement.status).toBe(201);
    expect(agreement.body).toMatchObject({ dutyIds: [expect.any(String), expect.any(String)], courtConfirmationDeadline: addCalendarDays(today(), 30) });
    const [repair, withdraw] = agreement.body.dutyIds;

    expect((await t.post('staffGuangrui1', `${url}/resolution`, { outcome: 'resolved', summary: '达成调解协议' })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${url}/feedback`, { satisfaction: 4 })).status).toBe(200);
    const closing = await t.post('staffGuangrui1', `${url}/closure`);
    expect(closing.status).toBe(409);
    expect(closing.body).toMatchObject({ code: 'duties-open', details: { dutyIds: [repair, withdraw] } });

    expect((await t.post('staffGuangrui1', `${url}/mediation/duties/${withdraw}/checks`, { result: 'fulfilled' })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${url}/mediation/duties/${repair}/checks`, { result: 'pending', note: '水管已修，赔偿未付' })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${url}/closure`)).body).toMatchObject({ code: 'duties-open', details: { dutyIds: [repair] } });
    expect((await t.post('staffGuangrui1', `${url}/mediation/court-confirmation`, {})).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${url}/mediation/court-confirmation`, {})).body).toMatchObject({ status: 409, code: 'court-confirmation-already-requested' });
    expect((await t.post('staffGuangrui1', `${url}/mediation/duties/${repair}/checks`, { result: 'fulfilled' })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${url}/mediation/duties/${repair}/checks`, { result: 'fulfilled' })).body).toMatchObject({ status: 409, code: 'duty-already-settled' });
    expect((await t.post('staffGuangrui1', `${url}/mediation/duties/unknown/checks`, { result: 'fulfilled' })).status).toBe(404);

    expect((await t.post('staffGuangrui1', `${url}/closure`)).status).toBe(200);
  });

  it('is refused for a case that is not a dispute', async () => {
    const wages = await t.openCase('guangrui-1');
    const reply = await t.post('staffGuangrui1', `/stations/guangrui-1/cases/${wages}/parties`, { description: '包工头' });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'not-a-dispute' });
  });
});
