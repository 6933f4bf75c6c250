import { uuidv7 } from '@kinship/eventsourcing';
import { ProblemDetails } from '@kinship/http';
import { RegistryStreams } from '../application/registry-streams';
import { ResidentView } from '../resident/get-resident/resident.view';
import { STALE_CLAIM_AFTER_MS } from '../resident/register-resident/register-resident.handler';
import { RegistryTestApp, startRegistryTestApp } from '../testing/registry-test-app';

/** One person, one registration in the whole district, whichever station they walk into (ADR 0003). */

let t: RegistryTestApp;

beforeAll(async () => {
  t = await startRegistryTestApp();
});

afterAll(async () => {
  await t.close();
});

describe('when an ID number is registered a second time', () => {
  it.each([
    ['at the same station', 'guangrui-1', 'staffGuangrui1'],
    ['at another station of the district', 'guangyi', 'staffGuangyi'],
  ] as const)('answers 409 %s, pointing to the existing record, and appends nothing', async (_where, stationId, caller) => {
    const first = await t.register('guangrui-1');
    const before = await t.headPosition();

    // The same person, their name written differently and a new phone: the ID number alone decides.
    const form = t.registrationForm(first, { name: `${first.name} `, phone: '13700000000' });
    const reply = await t.post<ProblemDetails>(caller, `/stations/${stationId}/residents`, form);

    expect(reply.status).toBe(409);
    expect(reply.contentType).toMatch(/^application\/problem\+json/);
    expect(reply.body).toMatchObject({
      code: 'id-number-already-registered',
      details: { residentId: first.residentId, stationId: 'guangrui-1' },
    });
    expect(await t.headPosition()).toBe(before);
  });

  it('recognises the number whatever the case of its check character X', async () => {
    const identity = (() => {
      // Sequences are tried until one gives the check character X, the only letter an ID number has.
      for (;;) {
        const candidate = t.newIdentity();
        if (candidate.idNumber.endsWith('X')) return candidate;
      }
    })();
    const first = await t.register('guangrui-1', { identity });

    const reply = await t.post('staffGuangyi', '/stations/guangyi/residents', t.registrationForm({ ...identity, idNumber: identity.idNumber.toLowerCase() }));

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ details: { residentId: first.residentId } });
  });
});

describe('when a registration died between claiming the number and writing the resident', () => {
  /** Leaves a claim by a resident who was never written, as a crashed registration does. */
  async function leaveOrphanClaim(idNumber: string, claimedAt: Date): Promise<string> {
    const idNumberHash = t.hasher.hashIdNumber(idNumber);
    const orphan = uuidv7();
    await t.app.get(RegistryStreams).idNumberClaim(
      idNumberHash,
      { type: 'ClaimIdNumber', data: { idNumberHash, residentId: orphan, stationId: 'guangrui-1' } },
      { actor: { userId: 'user-staffGuangrui1', role: 'station-staff' }, correlationId: 'crashed', now: claimedAt.toISOString() },
    );
    return orphan;
  }

  it('lets a later registration take over the orphaned claim', async () => {
    const identity = t.newIdentity();
    await leaveOrphanClaim(identity.idNumber, new Date(Date.now() - STALE_CLAIM_AFTER_MS - 1000));

    const reply = await t.post<{ residentId: string }>('staffGuangyi', '/stations/guangyi/residents', t.registrationForm(identity));

    expect(reply.status).toBe(201);
    const claims = await t.idNumberClaimStream(identity.idNumber);
    expect(claims.at(-1)?.data).toMatchObject({ residentId: reply.body.residentId, stationId: 'guangyi' });
  });

  it('does not take over a claim so recent that its registration may still be writing', async () => {
    const identity = t.newIdentity();
    const orphan = await leaveOrphanClaim(identity.idNumber, new Date());
    const before = await t.headPosition();

    const reply = await t.post('staffGuangyi', '/stations/guangyi/residents', t.registrationForm(identity));

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'id-number-already-registered', details: { residentId: orphan } });
    expect(await t.headPosition()).toBe(before);
  });
});

describe('when a resident’s ID number is corrected', () => {
  it('claims the new number and frees the old one', async () => {
    const resident = await t.register('guangrui-1');
    const corrected = t.newIdentity(resident.sex);

    const reply = await t.post('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/corrections`, {
      idNumber: corrected.idNumber,
      birthDate: corrected.birthDate,
      reason: 'the clerk mistyped the ID number',
    });

    expect(reply.status).toBe(200);
    const view = await t.get<ResidentView>('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}`);
    expect(view.body.personal).toMatchObject({ idNumber: corrected.idNumber, birthDate: corrected.birthDate });
    // The old number is free: another person can be registered with it.
    const newcomer = await t.post('staffGuangyi', '/stations/guangyi/residents', t.registrationForm({ ...resident, name: '赵新来' }));
    expect(newcomer.status).toBe(201);
    // The new number is held: registering it again points to the corrected resident.
    const duplicate = await t.post('staffGuangyi', '/stations/guangyi/residents', t.registrationForm(corrected));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ details: { residentId: resident.residentId, stationId: 'guangrui-1' } });
  });

  it('refuses a number somebody else holds with 409, leaving both claims as they were', async () => {
    const holder = await t.register('guangyi');
    const resident = await t.register('guangrui-1', { identity: t.newIdentity(holder.sex) });
    const before = await t.headPosition();

    const reply = await t.post('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/corrections`, {
      idNumber: holder.idNumber,
      birthDate: holder.birthDate,
      reason: 'the resident showed another card',
    });

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'id-number-already-registered', details: { residentId: holder.residentId, stationId: 'guangyi' } });
    expect(await t.headPosition()).toBe(before);
    const view = await t.get<ResidentView>('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}`);
    expect(view.body.personal).toMatchObject({ idNumber: resident.idNumber });
  });

  it('refuses a number whose birth date contradicts the record, and claims nothing', async () => {
    const resident = await t.register('guangrui-1');
    const other = t.newIdentity(resident.sex);
    const before = await t.headPosition();

    const reply = await t.post('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/corrections`, {
      idNumber: other.idNumber,
      reason: 'new card',
    });

    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'birth-date-does-not-match-id-number' });
    expect(await t.headPosition()).toBe(before);
    expect(await t.idNumberClaimStream(other.idNumber)).toEqual([]);
  });

  it('gives the new number back when the correction itself is refused', async () => {
    const resident = await t.register('guangrui-1');
    await t.post('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/transfer`, {
      toStationId: 'guangyi',
      compound: '广益新村',
      building: '7',
      unit: '2',
    });
    const corrected = t.newIdentity(resident.sex);
    const before = await t.headPosition();

    // The record at the old station is closed by the transfer: a correction there must fail.
    const reply = await t.post('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}/corrections`, {
      idNumber: corrected.idNumber,
      birthDate: corrected.birthDate,
      reason: 'too late',
    });

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'resident-transferred-out' });
    expect(await t.headPosition()).toBe(before);
    const free = await t.post('staffGuangyi', '/stations/guangyi/residents', t.registrationForm(corrected));
    expect(free.status).toBe(201);
  });
});
