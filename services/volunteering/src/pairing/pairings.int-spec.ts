import { volunteeringStreams } from '@kinship/contracts';
import { daysFrom, useVolunteeringTestApp } from '../testing/volunteering-test-app';
import { PairingView } from './get-pairing/pairing.view';

const t = useVolunteeringTestApp();

const pairingUrl = (pairingId: string) => `/stations/guangrui-1/pairings/${pairingId}`;
const pairingOf = async (pairingId: string) => (await t.get<PairingView>('staffGuangrui1', pairingUrl(pairingId))).body;

describe('when a volunteer is paired with a household', () => {
  it('starts the pairing with the needs encrypted under the beneficiary, and links the beneficiary', async () => {
    const volunteerId = await t.enrol('guangrui-1', { enrolledOn: '2026-01-05' });
    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/pairings', {
      volunteerId,
      householdId: 'hh-lonely',
      beneficiaryResidentId: 'res-grandpa',
      category: 'elderly-living-alone',
      needs: '每周代买药品',
      alertAfterDays: 7,
      startedOn: '2026-06-01',
    });

    expect(reply.status).toBe(201);
    const pairingId = reply.body['pairingId'] as string;
    const [started] = await t.stream(volunteeringStreams.pairing('guangrui-1', pairingId));
    expect(JSON.stringify(started)).not.toContain('每周代买药品');
    expect(await pairingOf(pairingId)).toMatchObject({
      status: 'active',
      needs: '每周代买药品',
      alertAfterDays: 7,
      lastVisitOn: null,
      daysWithoutVisit: 14,
      overdue: true,
    });
    const [linked] = await t.stream(volunteeringStreams.residentLinks('liangxi', 'res-grandpa'));
    expect(linked.data).toEqual({ residentId: 'res-grandpa', stationId: 'guangrui-1', link: { kind: 'pairing', pairingId } });
  });

  it('refuses a volunteer who has left, without linking the beneficiary', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    await t.post('staffGuangrui1', `/stations/guangrui-1/volunteers/${volunteerId}/departure`, { reason: 'no-time' });
    const before = await t.headPosition();
    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/pairings', {
      volunteerId,
      householdId: 'hh-2',
      beneficiaryResidentId: 'res-not-linked',
      category: 'disabled',
    });
    expect(reply.body).toMatchObject({ status: 409, code: 'volunteer-not-active' });
    expect(await t.headPosition()).toBe(before);
  });
});

describe('when visits are recorded', () => {
  it('keeps the pairing from going overdue, and hides the notes from the center manager', async () => {
    const volunteerId = await t.enrol('guangrui-1', { enrolledOn: '2026-01-05' });
    const pairingId = await t.pair('guangrui-1', volunteerId, { startedOn: '2026-05-01' });
    const visit = await t.post('staffGuangrui1', `${pairingUrl(pairingId)}/visits`, {
      visitedOn: daysFrom(t.today, -2),
      minutes: 90,
      kind: 'home-visit',
      note: '老人血压偏高，已提醒复诊',
    });
    expect(visit.status).toBe(201);

    expect(await pairingOf(pairingId)).toMatchObject({
      lastVisitOn: daysFrom(t.today, -2),
      daysWithoutVisit: 2,
      overdue: false,
      visits: [{ visitId: visit.body['visitId'], minutes: 90, kind: 'home-visit', note: '老人血压偏高，已提醒复诊' }],
    });
    const manager = await t.get<PairingView>('centerManager', pairingUrl(pairingId));
    expect(manager.status).toBe(200);
    expect(manager.body).toMatchObject({ needs: null, visits: [{ minutes: 90 }] });
    expect(manager.text).not.toContain('血压');
    expect(manager.text).not.toContain('Weekly shopping');
  });

  it('refuses a visit before the pairing started', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const pairingId = await t.pair('guangrui-1', volunteerId);
    const reply = await t.post('staffGuangrui1', `${pairingUrl(pairingId)}/visits`, { visitedOn: daysFrom(t.today, -1), minutes: 30, kind: 'phone-call' });
    expect(reply.body).toMatchObject({ status: 422, code: 'date-before-pairing' });
  });

  it('answers 404 for a pairing of another station', async () => {
    const volunteerId = await t.enrol('guangyi');
    const pairingId = await t.pair('guangyi', volunteerId);
    expect((await t.post('staffGuangrui1', `${pairingUrl(pairingId)}/visits`, { minutes: 30, kind: 'phone-call' })).body).toMatchObject({
      status: 404,
      code: 'pairing-not-found',
    });
  });
});

describe('when the visit alert is changed and the pairing ends', () => {
  it('applies the new alert, then closes the pairing to visits', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const pairingId = await t.pair('guangrui-1', volunteerId);
    expect((await t.request('staffGuangrui1', 'PUT', `${pairingUrl(pairingId)}/visit-alert`, { alertAfterDays: 30 })).status).toBe(200);
    expect((await pairingOf(pairingId)).alertAfterDays).toBe(30);

    expect((await t.post('staffGuangrui1', `${pairingUrl(pairingId)}/ending`, { reason: 'beneficiary-moved' })).status).toBe(200);
    expect(await pairingOf(pairingId)).toMatchObject({ status: 'ended', endedOn: t.today, endReason: 'beneficiary-moved', overdue: false });
    expect((await t.post('staffGuangrui1', `${pairingUrl(pairingId)}/visits`, { minutes: 30, kind: 'phone-call' })).body).toMatchObject({
      status: 409,
      code: 'pairing-ended',
    });
  });
});
