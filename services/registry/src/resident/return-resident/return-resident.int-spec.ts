import { IdNumberClaimed, IdNumberHolderMovedOut, ResidentReturned } from '@kinship/contracts';
import { ProblemDetails } from '@kinship/http';
import { addDays } from '../../permit/calendar-date';
import { Caller, RegisteredResident, RegistryTestApp, useRegistryTestApp } from '../../testing/registry-test-app';
import { ResidentView } from '../get-resident/resident.view';

/** A person who moved out and comes back: the same record, never a second registration (ADR 0013). */

let t: RegistryTestApp;
useRegistryTestApp((app) => (t = app));

const residentUrl = (stationId: string, residentId: string) => `/stations/${stationId}/residents/${residentId}`;
const staffOf = (stationId: string): Caller => (stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1');

async function moveOut(resident: { residentId: string }, stationId: string, movedOutOn = addDays(t.today, -10)): Promise<void> {
  await t.ok(staffOf(stationId), `${residentUrl(stationId, resident.residentId)}/move-out`, { movedOutOn, reason: 'went back to the home province' }, 200);
}

const returnForm = (overrides: Record<string, unknown> = {}) => ({
  arrivalDate: addDays(t.today, -2),
  address: { compound: '广益新村', building: '7', unit: '2', room: '101' },
  ...overrides,
});

async function returnTo(stationId: string, residentId: string, body: Record<string, unknown>) {
  return t.post<ProblemDetails & { streamVersion: number; position: number }>(staffOf(stationId), `${residentUrl(stationId, residentId)}/return`, body);
}

/** The reply is the problem given, and the event store is as it was. */
async function expectRefusedReturn(stationId: string, residentId: string, body: Record<string, unknown>, status: number, code: string) {
  const before = await t.headPosition();
  const reply = await returnTo(stationId, residentId, body);
  expect(reply.status).toBe(status);
  expect(reply.contentType).toMatch(/^application\/problem\+json/);
  expect(reply.body).toMatchObject({ status, code });
  expect(await t.headPosition()).toBe(before);
  return reply.body;
}

describe('when a person who moved out is registered again', () => {
  it('refuses the registration with 409, pointing to their record and telling staff to record the return', async () => {
    const resident = await t.register('guangrui-1');
    await moveOut(resident, 'guangrui-1');
    const before = await t.headPosition();

    const reply = await t.post<ProblemDetails>('staffGuangyi', '/stations/guangyi/residents', t.registrationForm(resident));

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      code: 'id-number-holder-moved-out',
      detail: expect.stringContaining('return'),
      details: { residentId: resident.residentId, stationId: 'guangrui-1', movedOutOn: addDays(t.today, -10), instead: 'return' },
    });
    expect(reply.text).not.toContain(resident.name);
    expect(await t.headPosition()).toBe(before);
    expect((await t.idNumberClaimStream(resident.idNumber)).map((e) => e.type)).toEqual([IdNumberClaimed.type, IdNumberHolderMovedOut.type]);
  });
});

describe('when a resident who moved out returns to the station they left', () => {
  let resident: RegisteredResident;

  beforeAll(async () => {
    resident = await t.register('guangrui-1');
    await moveOut(resident, 'guangrui-1');
  });

  it('reopens their record as present from the day of return, at the new address, and answers its version and position', async () => {
    const reply = await returnTo(
      'guangrui-1',
      resident.residentId,
      returnForm({ address: { compound: '广瑞二村', building: '3', unit: '1' }, phone: '13900001111', occupation: 'courier' }),
    );

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ streamVersion: 2, position: await t.headPosition() });
    const view = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));
    expect(view.body).toMatchObject({
      status: 'present',
      arrivalDate: addDays(t.today, -2),
      compound: '广瑞二村',
      occupation: 'courier',
      personal: { name: resident.name, idNumber: resident.idNumber, phone: '13900001111', address: { building: '3', unit: '1' } },
    });
    expect(view.body.movedOutOn).toBeUndefined();
    const [, , returned] = await t.residentStream('guangrui-1', resident.residentId);
    expect(returned).toMatchObject({ type: ResidentReturned.type, data: { fromStationId: 'guangrui-1', movedOutOn: addDays(t.today, -10) } });
  });

  it('holds the ID number for them at the station again, so another registration is told to transfer', async () => {
    const reply = await t.post<ProblemDetails>('staffGuangyi', '/stations/guangyi/residents', t.registrationForm(resident));

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'id-number-already-registered', details: { residentId: resident.residentId, stationId: 'guangrui-1' } });
  });

  it('refuses a second return of a resident now present (409)', async () => {
    await expectRefusedReturn('guangrui-1', resident.residentId, returnForm(), 409, 'resident-not-moved-out');
  });
});

describe('when a resident who moved out comes back to another station of the district', () => {
  let resident: RegisteredResident;

  beforeAll(async () => {
    resident = await t.register('guangrui-1');
    await moveOut(resident, 'guangrui-1', addDays(t.today, -20));
  });

  it('opens their record at the new station from the one they moved out of, and the ID number follows them', async () => {
    const reply = await returnTo('guangyi', resident.residentId, returnForm({ fromStationId: 'guangrui-1' }));

    expect(reply.status).toBe(200);
    const view = await t.get<ResidentView>('staffGuangyi', residentUrl('guangyi', resident.residentId));
    expect(view.body).toMatchObject({ stationId: 'guangyi', status: 'present', compound: '广益新村', personal: { name: resident.name } });
    const old = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));
    expect(old.body).toMatchObject({ status: 'moved-out' });
    const claims = await t.idNumberClaimStream(resident.idNumber);
    expect(claims.at(-1)).toMatchObject({ type: IdNumberClaimed.type, data: { residentId: resident.residentId, stationId: 'guangyi' } });
  });

  it('refuses to return them again from the stale record they left behind (409, pointing to the current one)', async () => {
    await moveOut(resident, 'guangyi', addDays(t.today, -1));

    const problem = await expectRefusedReturn('guangrui-1', resident.residentId, returnForm({ arrivalDate: t.today }), 409, 'resident-record-elsewhere');
    expect(problem).toMatchObject({ details: { stationId: 'guangyi' } });
  });

  it('takes them back to the first station from their current record', async () => {
    const reply = await returnTo('guangrui-1', resident.residentId, returnForm({ arrivalDate: t.today, fromStationId: 'guangyi' }));

    expect(reply.status).toBe(200);
    const view = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));
    expect(view.body).toMatchObject({ status: 'present', arrivalDate: t.today });
  });
});

describe('when a return cannot be recorded', () => {
  let resident: RegisteredResident;

  beforeAll(async () => {
    resident = await t.register('guangrui-1');
    await moveOut(resident, 'guangrui-1');
  });

  it('refuses a return dated before the move-out (422) and leaves the claim where it was', async () => {
    await expectRefusedReturn('guangrui-1', resident.residentId, returnForm({ arrivalDate: addDays(t.today, -11) }), 422, 'return-before-move-out');
    expect((await t.idNumberClaimStream(resident.idNumber)).at(-1)).toMatchObject({ type: IdNumberHolderMovedOut.type });
  });

  it('refuses a return dated after today (422)', async () => {
    await expectRefusedReturn('guangrui-1', resident.residentId, returnForm({ arrivalDate: addDays(t.today, 1) }), 422, 'arrival-date-in-future');
  });

  it('refuses a return from a station that does not exist (422)', async () => {
    await expectRefusedReturn('guangyi', resident.residentId, returnForm({ fromStationId: 'nowhere' }), 422, 'unknown-station');
  });

  it('refuses a return into a household the station does not have (422)', async () => {
    const householdId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    await expectRefusedReturn('guangrui-1', resident.residentId, returnForm({ householdId }), 422, 'household-not-found');
  });

  it('refuses the return of a resident who never moved out (409)', async () => {
    const present = await t.register('guangrui-1');
    await expectRefusedReturn('guangrui-1', present.residentId, returnForm(), 409, 'resident-not-moved-out');
  });

  it('finds no such resident at the station named (404)', async () => {
    await expectRefusedReturn('guangyi', resident.residentId, returnForm(), 404, 'resident-not-found');
  });

  it('refuses staff of another station returning the resident into a station not theirs (403)', async () => {
    const before = await t.headPosition();
    const reply = await t.post('staffGuangyi', `${residentUrl('guangrui-1', resident.residentId)}/return`, returnForm());
    expect(reply.status).toBe(403);
    expect(reply.text).not.toContain(resident.name);
    expect(await t.headPosition()).toBe(before);
  });
});

describe('when an erased person comes back', () => {
  let resident: RegisteredResident;

  beforeAll(async () => {
    resident = await t.register('guangrui-1');
    await moveOut(resident, 'guangrui-1');
    await t.ok('leadGuangrui1', `${residentUrl('guangrui-1', resident.residentId)}/erasure`, { requestedBy: 'the resident', reason: 'asked' }, 200);
  });

  it('refuses to return the erased record, which is closed (409)', async () => {
    await expectRefusedReturn('guangrui-1', resident.residentId, returnForm(), 409, 'resident-erased');
  });

  it('registers them afresh, as a new resident: the erasure released their ID number', async () => {
    const again = await t.register('guangyi', { identity: resident });

    expect(again.residentId).not.toBe(resident.residentId);
    const view = await t.get<ResidentView>('staffGuangyi', residentUrl('guangyi', again.residentId));
    expect(view.body).toMatchObject({ status: 'present', personal: { idNumber: resident.idNumber } });
  });
});
