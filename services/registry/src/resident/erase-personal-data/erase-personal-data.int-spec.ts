import Database from 'better-sqlite3';
import { join } from 'node:path';
import { RegistryStreams } from '../../application/registry-streams';
import { ResidentView } from '../get-resident/resident.view';
import { Caller, RegisteredResident, RegistryTestApp, startRegistryTestApp } from '../../testing/registry-test-app';

/**
 * Erasure is crypto-shredding (ADR 0004): the events stay, the person's key goes, and with it every way to read
 * their name or ID number, through the API or from the files on disk.
 */

let t: RegistryTestApp;

beforeAll(async () => {
  t = await startRegistryTestApp();
});

afterAll(async () => {
  await t.close();
});

const ERASURE = { requestedBy: 'the resident in person', reason: 'asked to be forgotten' };

/** The files of the temp directory (databases and their -wal/-shm) whose bytes contain `needle`. */
function filesContaining(needle: string | Buffer): string[] {
  const bytes = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle;
  return t
    .filesOnDisk()
    .filter((file) => file.bytes.includes(bytes))
    .map((file) => file.file);
}

function wrappedKeyOf(residentId: string): Buffer | undefined {
  const db = new Database(join(t.dir, 'keys.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT wrapped_key FROM privacy_data_keys WHERE subject_id = ?').get(residentId) as { wrapped_key: Buffer } | undefined;
    return row?.wrapped_key;
  } finally {
    db.close();
  }
}

/** A person with a name and compound nobody else in this file has, so a byte search finds only them. */
async function registerDistinctPerson(name: string, compound: string, stationId = 'guangrui-1'): Promise<RegisteredResident> {
  const identity = { ...t.newIdentity(), name };
  return t.register(stationId, {
    identity,
    form: t.registrationForm(identity, { address: { compound, building: '5', unit: '1', room: '202' }, phone: '13655556666' }),
  });
}

function expectPersonalDataNowhereOnDisk(resident: RegisteredResident) {
  expect(filesContaining(resident.name)).toEqual([]);
  expect(filesContaining(resident.idNumber)).toEqual([]);
  expect(filesContaining('13655556666')).toEqual([]);
}

describe('before any erasure', () => {
  it('never writes a name, ID number or phone in clear, while the clear fields are found by the same search', async () => {
    const resident = await registerDistinctPerson('欧阳怀瑾', '清名桥小区');
    await t.post('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/corrections`, {
      employer: '锡山纺织厂',
      reason: 'new employer',
    });

    // The search is meaningful: it finds what the registry does keep in clear (the compound, the resident id)...
    expect(filesContaining('清名桥小区').length).toBeGreaterThan(0);
    expect(filesContaining(resident.residentId).length).toBeGreaterThan(0);
    // ...and the files it reads include the write-ahead logs, where the newest pages are.
    expect(t.filesOnDisk().map((file) => file.file)).toEqual(expect.arrayContaining([join(t.dir, 'events.sqlite-wal')]));
    // ...but no personal field, though the resident is readable through the API.
    expectPersonalDataNowhereOnDisk(resident);
    expect(filesContaining('锡山纺织厂')).toEqual([]);
    const view = await t.get<ResidentView>('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}`);
    expect(view.body.personal).toMatchObject({ name: '欧阳怀瑾', idNumber: resident.idNumber, employer: '锡山纺织厂' });
  });
});

describe('when a resident’s personal data is erased', () => {
  let resident: RegisteredResident;
  let householdId: string;
  let wrappedKey: Buffer | undefined;

  beforeAll(async () => {
    resident = await registerDistinctPerson('司马青岚', '惠山古镇');
    const household = await t.post<{ householdId: string }>('staffGuangrui1', '/stations/guangrui-1/households', { compound: '惠山古镇' });
    householdId = household.body.householdId;
    await t.post('staffGuangrui1', `/stations/guangrui-1/households/${householdId}/members`, { residentId: resident.residentId, relation: 'head' });
    await t.post('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/moves`, { compound: '惠山新城', building: '8', unit: '1' });
    wrappedKey = wrappedKeyOf(resident.residentId);
  });

  it('answers 200 with the erasure’s stream version and position', async () => {
    expect(wrappedKey).toBeInstanceOf(Buffer);
    expect(filesContaining(wrappedKey as Buffer).length).toBeGreaterThan(0);

    const reply = await t.post('leadGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/erasure`, ERASURE);

    expect(reply.status).toBe(200);
    // Registered, joined the household, moved, erased.
    expect(reply.body).toEqual({ streamVersion: 3, position: expect.any(Number) });
  });

  it.each<Caller>(['staffGuangrui1', 'leadGuangrui1', 'centerManager'])('shows %s the record without any personal field', async (caller) => {
    const reply = await t.get<ResidentView>(caller, `/stations/guangrui-1/residents/${resident.residentId}`);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ residentId: resident.residentId, stationId: 'guangrui-1', status: 'erased', personal: null });
  });

  it('refuses every further command on the closed record, revealing nothing', async () => {
    const url = `/stations/guangrui-1/residents/${resident.residentId}`;
    const before = await t.headPosition();
    const replies = [
      await t.post('staffGuangrui1', `${url}/corrections`, { phone: '13900009999', reason: 'x' }),
      await t.post('staffGuangrui1', `${url}/moves`, { compound: '惠山古镇', building: '1', unit: '1' }),
      await t.post('staffGuangrui1', `${url}/move-out`, { movedOutOn: t.today, reason: 'x' }),
      await t.post('staffGuangrui1', `${url}/transfer`, { toStationId: 'guangyi', compound: '广益新村', building: '1', unit: '1' }),
      await t.post('staffGuangrui1', `${url}/residence-permit/application`, {}),
    ];

    for (const reply of replies) {
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ code: 'resident-erased' });
      expect(reply.text).not.toContain(resident.name);
    }
    expect(await t.headPosition()).toBe(before);
  });

  it('takes the erased person off their household, which keeps no trace of them but its history', async () => {
    const reply = await t.get(`staffGuangrui1`, `/stations/guangrui-1/households/${householdId}`);

    expect(reply.body).toMatchObject({ members: [], headId: null });
    expect(reply.text).not.toContain(resident.name);
  });

  it('leaves neither the personal fields nor the destroyed key anywhere in the SQLite files', async () => {
    expectPersonalDataNowhereOnDisk(resident);
    expect(filesContaining(wrappedKey as Buffer)).toEqual([]);
    expect(await t.keys.getKey(resident.residentId)).toBeNull();
    expect(await t.keys.isErased(resident.residentId)).toBe(true);
    // The events themselves stay, clear fields included.
    expect(filesContaining('惠山新城').length).toBeGreaterThan(0);
  });

  it('answers a repeated erasure like the first, appending nothing', async () => {
    const before = await t.headPosition();

    const reply = await t.post('operator', `/stations/guangrui-1/residents/${resident.residentId}/erasure`, ERASURE);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ streamVersion: 3, position: expect.any(Number) });
    expect(await t.headPosition()).toBe(before);
  });

  it('releases the ID number: the same number can be registered again, as a new resident', async () => {
    const again = await t.register('guangyi', { identity: { ...resident, name: '司马青岚' } });

    expect(again.residentId).not.toBe(resident.residentId);
    const view = await t.get<ResidentView>('staffGuangyi', `/stations/guangyi/residents/${again.residentId}`);
    expect(view.body).toMatchObject({ status: 'present', personal: { idNumber: resident.idNumber } });
  });
});

describe('when an erasure was interrupted after its event was written', () => {
  it('finishes the job on a repeated request: the key is destroyed and the ID number released', async () => {
    const resident = await t.register('guangrui-1');
    // The process died right after appending the erasure: the key and the claim are still there.
    await t.app.get(RegistryStreams).resident(
      'guangrui-1',
      { type: 'ErasePersonalData', data: { residentId: resident.residentId, ...ERASURE } },
      { actor: { userId: 'user-leadGuangrui1', role: 'station-lead' }, correlationId: 'interrupted', now: new Date().toISOString() },
    );
    expect(await t.keys.getKey(resident.residentId)).not.toBeNull();

    const reply = await t.post('leadGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/erasure`, ERASURE);

    expect(reply.status).toBe(200);
    expect(await t.keys.getKey(resident.residentId)).toBeNull();
    const again = await t.post('staffGuangyi', '/stations/guangyi/residents', t.registrationForm(resident));
    expect(again.status).toBe(201);
  });
});

describe('when a transferred resident is erased at their new station', () => {
  it('makes their personal fields unreadable at both stations and frees their ID number', async () => {
    const resident = await registerDistinctPerson('诸葛明远', '南长街');
    await t.post('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/transfer`, {
      toStationId: 'guangyi',
      compound: '广益新村',
      building: '7',
      unit: '2',
    });

    const reply = await t.post('leadGuangyi', `/stations/guangyi/residents/${resident.residentId}/erasure`, ERASURE);

    expect(reply.status).toBe(200);
    const atNew = await t.get<ResidentView>('staffGuangyi', `/stations/guangyi/residents/${resident.residentId}`);
    expect(atNew.body).toEqual({ residentId: resident.residentId, stationId: 'guangyi', status: 'erased', personal: null });
    const atOld = await t.get<ResidentView>('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}`);
    expect(atOld.body).toMatchObject({ status: 'transferred-out', personal: null, personalMasked: false });
    expect(atOld.text).not.toContain(resident.name);
    expectPersonalDataNowhereOnDisk(resident);
    const again = await t.post('staffGuangrui1', '/stations/guangrui-1/residents', t.registrationForm(resident));
    expect(again.status).toBe(201);
  });
});
