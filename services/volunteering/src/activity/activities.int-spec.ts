import { volunteeringStreams } from '@kinship/contracts';
import { daysFrom, SPEC_NOW, useVolunteeringTestApp } from '../testing/volunteering-test-app';
import { ActivityView } from './get-activity/activity.view';

const t = useVolunteeringTestApp();

const activityUrl = (activityId: string) => `/stations/guangrui-1/activities/${activityId}`;
const shiftUrl = (activityId: string, shiftId: string) => `${activityUrl(activityId)}/shifts/${shiftId}`;
const roster = async (activityId: string) => (await t.get<ActivityView>('staffGuangrui1', activityUrl(activityId))).body;

describe('when the coordinator schedules an activity', () => {
  it('creates its shifts, one by one or recurring, and shows them with their staffing', async () => {
    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/activities', {
      title: 'Homework club',
      kind: 'tutoring',
      location: 'Station reading room',
      requiredSkills: ['tutoring'],
      shifts: [{ date: daysFrom(t.today, 1), startTime: '18:00', endTime: '20:00', minStaff: 1, maxStaff: 2 }],
      recurrence: { from: daysFrom(t.today, 2), until: daysFrom(t.today, 15), weekdays: [3, 6], startTime: '15:00', endTime: '17:00', minStaff: 2, maxStaff: 4 },
    });

    expect(reply.status).toBe(201);
    expect(reply.body['shiftIds']).toEqual(['20260616-1800', '20260617-1500', '20260620-1500', '20260624-1500', '20260627-1500']);
    const activity = await roster(reply.body['activityId'] as string);
    expect(activity).toMatchObject({ title: 'Homework club', status: 'scheduled', requiredSkills: ['tutoring'] });
    expect(activity.shifts[1]).toMatchObject({ shiftId: '20260617-1500', minStaff: 2, maxStaff: 4, staffed: 0, staffing: 'understaffed', roster: [] });
  });

  it('adds shifts later, and refuses one the activity already has', async () => {
    const { activityId } = await t.schedule('guangrui-1', { date: daysFrom(t.today, 1), startTime: '09:00', endTime: '11:00' });
    const added = await t.post('staffGuangrui1', `${activityUrl(activityId)}/shifts`, {
      shifts: [{ date: daysFrom(t.today, 8), startTime: '09:00', endTime: '11:00', minStaff: 1, maxStaff: 3 }],
    });
    expect(added.status).toBe(201);
    expect(added.body['shiftIds']).toEqual(['20260623-0900']);

    const before = await t.headPosition();
    const again = await t.post('staffGuangrui1', `${activityUrl(activityId)}/shifts`, {
      shifts: [{ date: daysFrom(t.today, 8), startTime: '09:00', endTime: '10:00', minStaff: 1, maxStaff: 3 }],
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'duplicate-shift' });
    expect(await t.headPosition()).toBe(before);
  });

  it('refuses a shift in the past and a minimum above the maximum', async () => {
    const base = { title: 'Patrol', kind: 'safety-patrol', location: 'Compound 3' };
    const past = await t.post('staffGuangrui1', '/stations/guangrui-1/activities', {
      ...base,
      shifts: [{ date: daysFrom(t.today, -1), startTime: '09:00', endTime: '11:00', minStaff: 1, maxStaff: 3 }],
    });
    expect(past.body).toMatchObject({ status: 422, code: 'shift-in-the-past' });
    const inverted = await t.post('staffGuangrui1', '/stations/guangrui-1/activities', {
      ...base,
      shifts: [{ date: daysFrom(t.today, 1), startTime: '09:00', endTime: '11:00', minStaff: 4, maxStaff: 3 }],
    });
    expect(inverted.body).toMatchObject({ status: 422, code: 'invalid-staffing' });
  });

  it('answers 404 for an activity of another station', async () => {
    const { activityId } = await t.schedule('guangyi', { date: daysFrom(t.today, 1), startTime: '09:00', endTime: '11:00' });
    expect((await t.get('staffGuangrui1', activityUrl(activityId))).status).toBe(404);
  });
});

describe('when volunteers sign up for a shift', () => {
  it('fills the shift up to its maximum and refuses one more, appending nothing', async () => {
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: daysFrom(t.today, 1), startTime: '09:00', endTime: '12:00', minStaff: 2, maxStaff: 2 });
    const [first, second, third] = [await t.enrol('guangrui-1'), await t.enrol('guangrui-1'), await t.enrol('guangrui-1')];

    expect((await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/sign-ups`, { volunteerId: first })).status).toBe(201);
    expect((await roster(activityId)).shifts[0].staffing).toBe('understaffed');
    expect((await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/sign-ups`, { volunteerId: second })).status).toBe(201);
    expect((await roster(activityId)).shifts[0].staffing).toBe('full');

    const before = await t.headPosition();
    const over = await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/sign-ups`, { volunteerId: third });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'shift-fully-staffed', details: { maxStaff: 2 } });
    expect(await t.headPosition()).toBe(before);
  });

  it('frees the place when a sign-up is cancelled', async () => {
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: daysFrom(t.today, 3), startTime: '09:00', endTime: '12:00' });
    const volunteerId = await t.enrol('guangrui-1');
    await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/sign-ups`, { volunteerId });
    const cancelled = await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/sign-ups/${volunteerId}/cancellation`);
    expect(cancelled.status).toBe(200);
    expect((await roster(activityId)).shifts[0].roster).toEqual([]);
    const [, , last] = await t.stream(volunteeringStreams.activity('guangrui-1', activityId));
    expect(last.data).toMatchObject({ volunteerId, late: false });
  });

  it('refuses a suspended volunteer and someone who is not a volunteer of the station', async () => {
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: daysFrom(t.today, 1), startTime: '14:00', endTime: '16:00' });
    const suspended = await t.enrol('guangrui-1');
    await t.post('staffGuangrui1', `/stations/guangrui-1/volunteers/${suspended}/suspension`, { reason: 'conduct' });
    const elsewhere = await t.enrol('guangyi');
    expect((await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/sign-ups`, { volunteerId: suspended })).body).toMatchObject({
      status: 409,
      code: 'volunteer-not-active',
    });
    expect((await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/sign-ups`, { volunteerId: elsewhere })).body).toMatchObject({
      status: 404,
      code: 'volunteer-not-found',
    });
  });
});

describe('when volunteers come to a shift, or do not', () => {
  it('checks in, checks out and credits the attended minutes as verified hours', async () => {
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: t.today, startTime: '08:00', endTime: '12:00' });
    const volunteerId = await t.enrol('guangrui-1');

    const checkIn = await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/check-ins`, { volunteerId, at: `${t.today}T07:50:00+08:00` });
    expect(checkIn.status).toBe(200);
    const checkOut = await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/check-outs`, { volunteerId, at: `${t.today}T09:50:00+08:00` });
    expect(checkOut.status).toBe(200);
    expect((await roster(activityId)).shifts[0].roster).toEqual([
      { volunteerId, status: 'checked-out', checkedInAt: '2026-06-14T23:50:00.000Z', checkedOutAt: '2026-06-15T01:50:00.000Z' },
    ]);

    await t.settled();
    const hours = await t.get('staffGuangrui1', `/stations/guangrui-1/volunteers/${volunteerId}/hours`);
    expect(hours.body).toMatchObject({
      totals: { year: 2026, verifiedMinutes: 120, pendingMinutes: 0 },
      entries: [{ source: 'attendance', servedOn: t.today, minutes: 120, status: 'verified', vouchedBy: 'attendance', activityId, shiftId }],
    });
  });

  it('signs up a walk-in when there is room', async () => {
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: t.today, startTime: '08:00', endTime: '12:00', maxStaff: 1 });
    const [walkIn, tooMany] = [await t.enrol('guangrui-1'), await t.enrol('guangrui-1')];
    expect((await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/check-ins`, { volunteerId: walkIn })).status).toBe(200);
    const full = await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/check-ins`, { volunteerId: tooMany });
    expect(full.body).toMatchObject({ status: 409, code: 'shift-fully-staffed' });
  });

  it('refuses a check-out without a check-in, and a check-in ahead of time', async () => {
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: t.today, startTime: '08:00', endTime: '12:00' });
    const volunteerId = await t.enrol('guangrui-1');
    expect((await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/check-outs`, { volunteerId })).body).toMatchObject({ status: 404, code: 'not-signed-up' });
    const ahead = await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/check-ins`, { volunteerId, at: `${t.today}T11:00:00+08:00` });
    expect(ahead.body).toMatchObject({ status: 422, code: 'check-in-in-future' });
  });

  it('records a no-show once the shift started, which frees the place for a walk-in', async () => {
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: t.today, startTime: '10:30', endTime: '12:00', maxStaff: 1 });
    const [absent, walkIn] = [await t.enrol('guangrui-1'), await t.enrol('guangrui-1')];
    await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/sign-ups`, { volunteerId: absent });
    const early = await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/no-shows`, { volunteerId: absent });
    expect(early.body).toMatchObject({ status: 409, code: 'shift-not-started' });

    jest.setSystemTime(new Date(`${t.today}T10:45:00+08:00`));
    try {
      expect((await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/no-shows`, { volunteerId: absent })).status).toBe(200);
      expect((await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/check-ins`, { volunteerId: walkIn })).status).toBe(200);
    } finally {
      jest.setSystemTime(new Date(SPEC_NOW));
    }
    expect((await roster(activityId)).shifts[0].roster.map((entry) => entry.status)).toEqual(['no-show', 'checked-in']);
  });
});

describe('when a shift or the activity is cancelled', () => {
  it('cancels the shift, which takes no more sign-ups', async () => {
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: daysFrom(t.today, 2), startTime: '09:00', endTime: '11:00' });
    expect((await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/cancellation`, { reason: 'weather' })).status).toBe(200);
    const volunteerId = await t.enrol('guangrui-1');
    expect((await t.post('staffGuangrui1', `${shiftUrl(activityId, shiftId)}/sign-ups`, { volunteerId })).body).toMatchObject({ status: 409, code: 'shift-cancelled' });
  });

  it('cancels the activity with its shifts to come', async () => {
    const { activityId } = await t.schedule('guangrui-1', { date: daysFrom(t.today, 2), startTime: '09:00', endTime: '11:00' });
    expect((await t.post('staffGuangrui1', `${activityUrl(activityId)}/cancellation`, { reason: 'venue' })).status).toBe(200);
    const activity = await roster(activityId);
    expect(activity.status).toBe('cancelled');
    expect(activity.shifts.map((shift) => shift.status)).toEqual(['cancelled']);
    expect((await t.post('staffGuangrui1', `${activityUrl(activityId)}/cancellation`, { reason: 'venue' })).body).toMatchObject({ status: 409, code: 'activity-cancelled' });
  });
});
