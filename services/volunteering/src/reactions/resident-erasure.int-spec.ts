import { volunteeringStreams } from '@kinship/contracts';
import { PairingView } from '../pairing/get-pairing/pairing.view';
import { useVolunteeringTestApp } from '../testing/volunteering-test-app';
import { VolunteerView } from '../volunteer/get-volunteer/volunteer.view';

const t = useVolunteeringTestApp();

describe('when the registry erases a resident', () => {
  it('erases them as a volunteer, in every station they volunteered at, keeping their hours anonymous', async () => {
    const atHome = await t.enrol('guangrui-1', { residentId: 'res-erased-volunteer', name: '孙桂兰', phone: '13122223333', enrolledOn: '2026-01-05' });
    const elsewhere = await t.enrol('guangyi', { residentId: 'res-erased-volunteer', name: '孙桂兰', phone: '13122223333' });
    await t.post('staffGuangrui1', `/stations/guangrui-1/volunteers/${atHome}/hours`, { servedOn: '2026-06-01', minutes: 90, description: '孙桂兰 helped' });

    await t.eraseResident('guangyi', 'res-erased-volunteer');
    await t.settled();

    for (const [stationId, volunteerId] of [['guangrui-1', atHome], ['guangyi', elsewhere]] as const) {
      const caller = stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1';
      const view = await t.get<VolunteerView>(caller, `/stations/${stationId}/volunteers/${volunteerId}`);
      expect(view.body).toMatchObject({ status: 'erased', personal: null });
      expect(view.text).not.toContain('孙桂兰');
      const events = await t.stream(volunteeringStreams.volunteer(stationId, volunteerId));
      expect(events.at(-1)).toMatchObject({
        type: 'volunteering.volunteer-personal-data-erased',
        data: { volunteerId, cause: 'resident-erased' },
        metadata: { actor: { userId: 'volunteering', role: 'system' } },
      });
    }
    const hours = await t.get('staffGuangrui1', `/stations/guangrui-1/volunteers/${atHome}/hours`);
    expect(hours.body).toMatchObject({ totals: { pendingMinutes: 90 } });
    expect(hours.text).not.toContain('孙桂兰');
  });

  it("drops a beneficiary's needs and visit notes, and records no new note about them", async () => {
    const volunteerId = await t.enrol('guangrui-1', { enrolledOn: '2026-01-05' });
    const pairingId = await t.pair('guangrui-1', volunteerId, { beneficiaryResidentId: 'res-erased-beneficiary', needs: '需要轮椅', startedOn: '2026-06-01' });
    await t.post('staffGuangrui1', `/stations/guangrui-1/pairings/${pairingId}/visits`, { visitedOn: '2026-06-10', minutes: 60, kind: 'home-visit', note: '轮椅已修好' });

    await t.eraseResident('guangrui-1', 'res-erased-beneficiary');
    await t.settled();

    const pairing = await t.get<PairingView>('staffGuangrui1', `/stations/guangrui-1/pairings/${pairingId}`);
    expect(pairing.body).toMatchObject({ status: 'active', beneficiaryErased: true, needs: null, visits: [{ visitedOn: '2026-06-10', minutes: 60 }] });
    expect(pairing.text).not.toContain('轮椅');
    const note = await t.post('staffGuangrui1', `/stations/guangrui-1/pairings/${pairingId}/visits`, { minutes: 30, kind: 'phone-call', note: 'again' });
    expect(note.body).toMatchObject({ status: 409, code: 'beneficiary-erased' });
    expect((await t.post('staffGuangrui1', `/stations/guangrui-1/pairings/${pairingId}/visits`, { minutes: 30, kind: 'phone-call' })).status).toBe(201);
  });

  it('handles a redelivered erasure once', async () => {
    const volunteerId = await t.enrol('guangrui-1', { residentId: 'res-twice-erased' });
    await t.eraseResident('guangrui-1', 'res-twice-erased');
    await t.eraseResident('guangrui-1', 'res-twice-erased');
    await t.settled();
    const events = await t.stream(volunteeringStreams.volunteer('guangrui-1', volunteerId));
    expect(events.map((event) => event.type)).toEqual(['volunteering.volunteer-enrolled', 'volunteering.volunteer-personal-data-erased']);
  });

  it("leaves residents who never volunteered nor were helped alone", async () => {
    const before = await t.headPosition();
    await t.eraseResident('guangrui-1', 'res-stranger');
    await t.settled();
    expect(await t.headPosition()).toBe(before + 1);
  });
});
