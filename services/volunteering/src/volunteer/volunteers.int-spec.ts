import { volunteeringStreams } from '@kinship/contracts';
import { useVolunteeringTestApp } from '../testing/volunteering-test-app';
import { VolunteerView } from './get-volunteer/volunteer.view';

const t = useVolunteeringTestApp();

const url = (volunteerId: string, stationId = 'guangrui-1') => `/stations/${stationId}/volunteers/${volunteerId}`;

describe('when a resident enrols as a volunteer', () => {
  it('answers 201 with the new volunteer, whose details are encrypted in the event', async () => {
    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/volunteers', {
      residentId: 'res-wang-xiuying',
      name: '王秀英',
      phone: '13812345678',
      skills: ['first-aid', 'tutoring'],
      languages: ['zh', 'zh-wuu'],
      availability: [{ weekday: 6, part: 'morning' }],
    });

    expect(reply.status).toBe(201);
    const volunteerId = reply.body['volunteerId'] as string;
    expect(reply.body).toMatchObject({ streamVersion: 0, position: expect.any(Number) });
    const [enrolled] = await t.stream(volunteeringStreams.volunteer('guangrui-1', volunteerId));
    expect(enrolled).toMatchObject({ type: 'volunteering.volunteer-enrolled', data: { residentId: 'res-wang-xiuying', enrolledOn: t.today } });
    expect(JSON.stringify(enrolled)).not.toContain('王秀英');
    expect(JSON.stringify(enrolled)).not.toContain('13812345678');
  });

  it('links the resident, so an erasure in the registry can find the volunteer', async () => {
    const volunteerId = await t.enrol('guangrui-1', { residentId: 'res-linked' });
    const [linked] = await t.stream(volunteeringStreams.residentLinks('liangxi', 'res-linked'));
    expect(linked.data).toEqual({ residentId: 'res-linked', stationId: 'guangrui-1', link: { kind: 'volunteer', volunteerId } });
  });

  it('refuses to enrol the same resident twice at the station, and appends nothing', async () => {
    const volunteerId = await t.enrol('guangrui-1', { residentId: 'res-twice' });
    const before = await t.headPosition();
    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/volunteers', { residentId: 'res-twice', name: '张三', phone: '13900000000' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'resident-already-volunteer', details: { volunteerId } });
    expect(await t.headPosition()).toBe(before);
  });

  it('refuses an enrolment dated in the future without linking or keying anyone', async () => {
    const before = await t.headPosition();
    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/volunteers', { residentId: 'res-future', name: '张三', phone: '13900000000', enrolledOn: '2026-07-01' });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'date-in-future' });
    expect(await t.headPosition()).toBe(before);
    expect(await t.keys.getKey('res-future')).toBeNull();
  });
});

describe('when the station reads a volunteer', () => {
  it('shows its own staff the contact details and the yearly hours', async () => {
    const volunteerId = await t.enrol('guangrui-1', { name: '陈海燕', phone: '13700001111' });
    const reply = await t.get<VolunteerView>('staffGuangrui1', url(volunteerId));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      volunteerId,
      status: 'active',
      personal: { name: '陈海燕', phone: '13700001111' },
      personalMasked: false,
      skills: ['first-aid'],
      enrolledOn: t.today,
      hoursByYear: [],
    });
  });

  it("masks them for the chain's center manager", async () => {
    const volunteerId = await t.enrol('guangrui-1', { name: '陈海燕', phone: '13700001111' });
    const reply = await t.get<VolunteerView>('centerManager', url(volunteerId));
    expect(reply.status).toBe(200);
    expect(reply.body.personalMasked).toBe(true);
    expect(reply.text).not.toContain('陈海燕');
    expect(reply.text).not.toContain('13700001111');
  });

  it('answers 404 for a volunteer of another station', async () => {
    const volunteerId = await t.enrol('guangyi');
    const reply = await t.get('staffGuangrui1', url(volunteerId));
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'volunteer-not-found' });
  });
});

describe('when the profile changes', () => {
  it('re-encrypts the contact details and records the new skills', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const reply = await t.request('staffGuangrui1', 'PUT', `${url(volunteerId)}/profile`, { phone: '13600002222', skills: ['driving'] });
    expect(reply.status).toBe(200);
    const view = await t.get<VolunteerView>('staffGuangrui1', url(volunteerId));
    expect(view.body).toMatchObject({ personal: { name: '李志强', phone: '13600002222' }, skills: ['driving'] });
  });

  it('appends nothing when nothing changed', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const before = await t.headPosition();
    const reply = await t.request('staffGuangrui1', 'PUT', `${url(volunteerId)}/profile`, { name: '李志强', languages: ['zh'] });
    expect(reply.status).toBe(200);
    expect(await t.headPosition()).toBe(before);
  });

  it('answers 422 when no field is given', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const reply = await t.request('staffGuangrui1', 'PUT', `${url(volunteerId)}/profile`, {});
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'nothing-to-update' });
  });
});

describe("when a volunteer's standing changes", () => {
  it('suspends, reinstates and records the departure', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    expect((await t.post('staffGuangrui1', `${url(volunteerId)}/suspension`, { reason: 'health' })).status).toBe(200);
    expect((await t.get<VolunteerView>('staffGuangrui1', url(volunteerId))).body).toMatchObject({ status: 'suspended', suspensionReason: 'health' });
    expect((await t.post('staffGuangrui1', `${url(volunteerId)}/reinstatement`, {})).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${url(volunteerId)}/departure`, { reason: 'moved-away' })).status).toBe(200);
    expect((await t.get<VolunteerView>('staffGuangrui1', url(volunteerId))).body).toMatchObject({ status: 'left', leftOn: t.today });
  });

  it('answers 409 to reinstating a volunteer who is not suspended', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const reply = await t.post('staffGuangrui1', `${url(volunteerId)}/reinstatement`, {});
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'volunteer-not-suspended' });
  });

  it('answers 404 for a volunteer the station does not have', async () => {
    const reply = await t.post('staffGuangrui1', `${url('nobody')}/suspension`, { reason: 'health' });
    expect(reply.status).toBe(404);
  });
});

describe('when a volunteer who is not a resident asks to be forgotten', () => {
  it("erases their data for good: the key is gone and the record shows nothing personal", async () => {
    const volunteerId = await t.enrol('guangrui-1', { name: '赵文斌', phone: '13500003333' });
    const reply = await t.post('leadGuangrui1', `${url(volunteerId)}/erasure`);
    expect(reply.status).toBe(200);
    expect(await t.keys.isErased(volunteerId)).toBe(true);
    const view = await t.get<VolunteerView>('staffGuangrui1', url(volunteerId));
    expect(view.body).toMatchObject({ status: 'erased', personal: null });
    const update = await t.request('staffGuangrui1', 'PUT', `${url(volunteerId)}/profile`, { name: '赵文斌' });
    expect(update.body).toMatchObject({ status: 409, code: 'volunteer-erased' });
  });

  it("leaves a resident's erasure to the registry", async () => {
    const volunteerId = await t.enrol('guangrui-1', { residentId: 'res-through-registry' });
    const before = await t.headPosition();
    const reply = await t.post('leadGuangrui1', `${url(volunteerId)}/erasure`);
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'erase-through-registry' });
    expect(await t.headPosition()).toBe(before);
    expect(await t.keys.isErased('res-through-registry')).toBe(false);
  });

  it('lets only the station lead (or an operator) decide it', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    expect((await t.post('staffGuangrui1', `${url(volunteerId)}/erasure`)).status).toBe(403);
    expect((await t.post('operator', `${url(volunteerId)}/erasure`)).status).toBe(200);
  });
});
