import { daysFrom, useVolunteeringTestApp } from '../testing/volunteering-test-app';
import { RecordCheckView } from './verify-volunteer-record/verify-volunteer-record.request.dto';

const t = useVolunteeringTestApp();
let volunteerId: string;
let activityId: string;

beforeAll(async () => {
  volunteerId = await t.enrol('guangrui-1', { name: '周国庆', phone: '13311112222', enrolledOn: '2026-01-05' });
  const shift = await t.schedule('guangrui-1', { date: t.today, startTime: '07:00', endTime: '12:00' });
  activityId = shift.activityId;
  const shiftUrl = `/stations/guangrui-1/activities/${shift.activityId}/shifts/${shift.shiftId}`;
  await t.post('staffGuangrui1', `${shiftUrl}/check-ins`, { volunteerId, at: `${t.today}T07:00:00+08:00` });
  await t.post('staffGuangrui1', `${shiftUrl}/check-outs`, { volunteerId, at: `${t.today}T09:30:00+08:00` });
  const reported = await t.post('staffGuangrui1', `/stations/guangrui-1/volunteers/${volunteerId}/hours`, { servedOn: '2026-03-08', minutes: 60 });
  await t.post('staffGuangrui1', `/stations/guangrui-1/volunteers/${volunteerId}/hours/${reported.body['entryId']}/verification`);
  await t.settled();
});

const issue = (body: Record<string, unknown> = { from: '2026-01-01', to: t.today }, caller: 'leadGuangrui1' | 'staffGuangrui1' = 'leadGuangrui1') =>
  t.post(caller, `/stations/guangrui-1/volunteers/${volunteerId}/records`, body);

describe('when the station lead issues a volunteer record', () => {
  it('certifies the verified hours and activities of the period under an unguessable serial', async () => {
    const reply = await issue();
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      serial: expect.stringMatching(/^VR[0-9A-HJKMNP-TV-Z]{26}$/),
      volunteerId,
      issuerStationId: 'guangrui-1',
      issuedOn: t.today,
      verifiedMinutes: 210,
      shiftsAttended: 1,
      pairingVisits: 0,
      activities: [{ activityId, title: 'Community tidy-up', minutes: 150 }],
    });
    expect((await issue()).body['serial']).not.toBe(reply.body['serial']);
  });

  it('refuses a period without verified hours', async () => {
    const reply = await issue({ from: '2026-01-01', to: '2026-01-31' });
    expect(reply.body).toMatchObject({ status: 422, code: 'no-verified-hours-in-period' });
  });

  it('refuses a period that has not ended', async () => {
    expect((await issue({ from: '2026-01-01', to: daysFrom(t.today, 1) })).body).toMatchObject({ status: 422, code: 'period-in-future' });
  });

  it('is signed by the lead, not by any member of staff', async () => {
    expect((await issue(undefined, 'staffGuangrui1')).status).toBe(403);
  });
});

describe('when anyone checks a record by its serial', () => {
  it('answers without a token that it is genuine, with what it certifies and nothing personal', async () => {
    const serial = (await issue()).body['serial'] as string;
    const reply = await t.get<RecordCheckView>(null, `/volunteer-records/${serial}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      serial,
      genuine: true,
      status: 'valid',
      issuer: { stationId: 'guangrui-1', name: 'Guangrui No.1 Village station' },
      issuedOn: t.today,
      from: '2026-01-01',
      to: t.today,
      verifiedMinutes: 210,
      verifiedHours: 3.5,
      shiftsAttended: 1,
      pairingVisits: 0,
      activities: [{ title: 'Community tidy-up', minutes: 150 }],
    });
    for (const personal of ['周国庆', '13311112222', volunteerId]) expect(reply.text).not.toContain(personal);
  });

  it('accepts the serial typed in lower case', async () => {
    const serial = (await issue()).body['serial'] as string;
    expect((await t.get(null, `/volunteer-records/${serial.toLowerCase()}`)).status).toBe(200);
  });

  it('answers 404 to a serial that was never issued: not genuine', async () => {
    const reply = await t.get(null, '/volunteer-records/VR0000000000000000000000000A');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'volunteer-record-not-found' });
  });

  it('answers 400 to something that is no serial at all', async () => {
    const reply = await t.get(null, '/volunteer-records/not-a-serial');
    expect(reply.status).toBe(400);
    expect(reply.contentType).toMatch(/^application\/problem\+json/);
    expect(reply.body).toMatchObject({ code: 'validation-failed' });
  });
});

describe('when the issuing station revokes a record', () => {
  it('makes every later check say so', async () => {
    const serial = (await issue()).body['serial'] as string;
    expect((await t.post('leadGuangrui1', `/stations/guangrui-1/volunteer-records/${serial}/revocation`, { reason: 'hours-corrected' })).status).toBe(200);
    expect((await t.get(null, `/volunteer-records/${serial}`)).body).toMatchObject({ genuine: true, status: 'revoked', revokedOn: t.today });
    expect((await t.post('leadGuangrui1', `/stations/guangrui-1/volunteer-records/${serial}/revocation`, { reason: 'other' })).body).toMatchObject({
      status: 409,
      code: 'record-already-revoked',
    });
  });

  it('does not let another station revoke it', async () => {
    const serial = (await issue()).body['serial'] as string;
    expect((await t.post('leadGuangyi', `/stations/guangyi/volunteer-records/${serial}/revocation`, { reason: 'other' })).body).toMatchObject({
      status: 404,
      code: 'volunteer-record-not-found',
    });
  });
});
