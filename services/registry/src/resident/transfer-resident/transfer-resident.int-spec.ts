import { ResidentView } from '../get-resident/resident.view';
import { dateFrom, RegisteredResident, RegistryTestApp, startRegistryTestApp } from '../../testing/registry-test-app';

/** A resident moves from guangrui-1 to guangyi, a station of the same district (ADR 0005). */

interface Outcome {
  streamVersion: number;
  position: number;
}

let t: RegistryTestApp;

beforeAll(async () => {
  t = await startRegistryTestApp();
});

afterAll(async () => {
  await t.close();
});

const transferForm = (overrides: Record<string, unknown> = {}) => ({
  toStationId: 'guangyi',
  compound: '广益新村',
  building: '7',
  unit: '2',
  room: '101',
  transferredOn: dateFrom(t.today, { days: -1 }),
  ...overrides,
});

async function transfer(resident: RegisteredResident, form = transferForm()) {
  return t.post<Outcome>('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/transfer`, form);
}

describe('when a resident is transferred to another station of the district', () => {
  it('answers the arrival at the receiving station, closes the old record and opens the new one', async () => {
    const identity = t.newIdentity();
    const resident = await t.register('guangrui-1', {
      identity,
      form: t.registrationForm(identity, { arrivalDate: dateFrom(t.today, { years: -1 }) }),
    });
    await t.post('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/residence-permit/application`, {});

    const reply = await transfer(resident);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ streamVersion: 0, position: expect.any(Number) });
    // The arrival is written before the claim moves: the answer's position is that of the arrival.
    const arrival = await t.residentStream('guangyi', resident.residentId);
    expect(arrival.map((event) => [event.type, event.position])).toEqual([['registry.resident-transferred-in', reply.body.position]]);

    const old = await t.get<ResidentView>('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}`);
    expect(old.body).toMatchObject({
      residentId: resident.residentId,
      stationId: 'guangrui-1',
      status: 'transferred-out',
      transferredTo: 'guangyi',
      transferredOn: dateFrom(t.today, { days: -1 }),
    });

    const current = await t.get<ResidentView>('staffGuangyi', `/stations/guangyi/residents/${resident.residentId}`);
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({
      residentId: resident.residentId,
      stationId: 'guangyi',
      status: 'present',
      compound: '广益新村',
      arrivalDate: dateFrom(t.today, { years: -1 }),
      permit: { status: 'applied' },
      personal: { name: resident.name, idNumber: resident.idNumber, address: { building: '7', unit: '2', room: '101' } },
      personalMasked: false,
    });
  });

  it('still refuses to register the same ID number, at either station, pointing to the new station', async () => {
    const resident = await t.register('guangrui-1');
    await transfer(resident);
    const before = await t.headPosition();

    for (const [stationId, caller] of [['guangrui-1', 'staffGuangrui1'], ['guangyi', 'staffGuangyi']] as const) {
      const reply = await t.post(caller, `/stations/${stationId}/residents`, t.registrationForm(resident));
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ code: 'id-number-already-registered', details: { residentId: resident.residentId, stationId: 'guangyi' } });
    }
    expect(await t.headPosition()).toBe(before);
  });

  it('treats a retried transfer as the same transfer: same answer, no error, no extra event', async () => {
    const resident = await t.register('guangrui-1');
    const first = await transfer(resident);
    const before = await t.headPosition();

    const retried = await transfer(resident);
    const retriedWithoutDate = await transfer(resident, transferForm({ transferredOn: undefined }));

    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    expect(retriedWithoutDate.status).toBe(200);
    expect(retriedWithoutDate.body).toEqual(first.body);
    expect(await t.headPosition()).toBe(before);
    expect(await t.idNumberClaimStream(resident.idNumber)).toHaveLength(2);
  });

  it('lets the receiving station work with the resident at once', async () => {
    const resident = await t.register('guangrui-1');
    await transfer(resident);

    const moved = await t.post<Outcome>('staffGuangyi', `/stations/guangyi/residents/${resident.residentId}/moves`, {
      compound: '广益二村',
      building: '9',
      unit: '3',
    });

    expect(moved.status).toBe(200);
    expect(moved.body.streamVersion).toBe(1);
    // A retry arriving after that is still recognised and changes nothing at the new station.
    const retried = await transfer(resident);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ streamVersion: 1, position: moved.body.position });
  });

  it('refuses a transfer to the resident’s own station, to a station that does not exist, and out of a closed record', async () => {
    const resident = await t.register('guangrui-1');
    const before = await t.headPosition();

    const same = await transfer(resident, transferForm({ toStationId: 'guangrui-1' }));
    const unknown = await transfer(resident, transferForm({ toStationId: 'nowhere' }));
    const notAStation = await transfer(resident, transferForm({ toStationId: 'guangrui' }));

    expect(same.status).toBe(422);
    expect(same.body).toMatchObject({ code: 'transfer-to-same-station' });
    expect(unknown.body).toMatchObject({ status: 422, code: 'unknown-station', details: { field: 'toStationId' } });
    expect(notAStation.body).toMatchObject({ status: 422, code: 'unknown-station' });
    expect(await t.headPosition()).toBe(before);

    await t.post('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/move-out`, { movedOutOn: t.today, reason: 'left' });
    const afterMoveOut = await transfer(resident);
    expect(afterMoveOut.status).toBe(409);
    expect(afterMoveOut.body).toMatchObject({ code: 'resident-moved-out' });
  });
});
