import { volunteeringStreams } from '@kinship/contracts';
import { daysFrom, useVolunteeringTestApp } from '../testing/volunteering-test-app';
import { VolunteerView } from '../volunteer/get-volunteer/volunteer.view';
import { HoursView } from './get-hours/hours.view';

const t = useVolunteeringTestApp();

const hoursUrl = (volunteerId: string) => `/stations/guangrui-1/volunteers/${volunteerId}/hours`;
const entryUrl = (volunteerId: string, entryId: string) => `${hoursUrl(volunteerId)}/${entryId}`;
const hoursOf = async (volunteerId: string, year?: number) =>
  (await t.get<HoursView>('staffGuangrui1', `${hoursUrl(volunteerId)}${year ? `?year=${year}` : ''}`)).body;

async function report(volunteerId: string, body: Record<string, unknown> = {}): Promise<string> {
  const reply = await t.post('staffGuangrui1', hoursUrl(volunteerId), { servedOn: daysFrom(t.today, -3), minutes: 120, ...body });
  if (reply.status !== 201) throw new Error(`Reporting hours answered ${reply.status}: ${reply.text}`);
  return reply.body['entryId'] as string;
}

describe('when a volunteer reports hours', () => {
  it('logs them pending, with the description encrypted, readable by the station', async () => {
    const volunteerId = await t.enrol('guangrui-1', { enrolledOn: '2026-01-05' });
    const entryId = await report(volunteerId, { description: '帮助张奶奶买菜' });

    const [, logged] = await t.stream(volunteeringStreams.volunteer('guangrui-1', volunteerId));
    expect(logged.data).toMatchObject({ entryId, source: 'self-reported', minutes: 120 });
    expect(JSON.stringify(logged)).not.toContain('张奶奶');
    expect(await hoursOf(volunteerId)).toMatchObject({
      totals: { year: 2026, verifiedMinutes: 0, pendingMinutes: 120, disputedMinutes: 0 },
      entries: [{ entryId, status: 'pending', vouchedBy: null, description: '帮助张奶奶买菜' }],
    });
    const manager = await t.get<HoursView>('centerManager', hoursUrl(volunteerId));
    expect(manager.text).not.toContain('张奶奶');
  });

  it('refuses hours on a shift the volunteer never attended, and appends nothing', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: daysFrom(t.today, 1), startTime: '09:00', endTime: '12:00' });
    const before = await t.headPosition();

    const reply = await t.post('staffGuangrui1', hoursUrl(volunteerId), { servedOn: t.today, minutes: 60, activityId, shiftId });

    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'hours-without-attendance' });
    expect(await t.headPosition()).toBe(before);
  });

  it('accepts hours on a shift checked in to but not out of, for staff to verify', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: t.today, startTime: '08:00', endTime: '12:00' });
    await t.post('staffGuangrui1', `/stations/guangrui-1/activities/${activityId}/shifts/${shiftId}/check-ins`, { volunteerId, at: `${t.today}T08:00:00+08:00` });
    const entryId = await report(volunteerId, { servedOn: t.today, minutes: 90, activityId, shiftId });
    expect((await hoursOf(volunteerId)).entries).toEqual([expect.objectContaining({ entryId, status: 'pending', activityId, shiftId })]);
  });

  it('refuses hours before the volunteer enrolled', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const reply = await t.post('staffGuangrui1', hoursUrl(volunteerId), { servedOn: daysFrom(t.today, -1), minutes: 60 });
    expect(reply.body).toMatchObject({ status: 422, code: 'date-before-enrolment' });
  });

  it('logs hours reported while the check-out of a shift is still being logged on the same stream', async () => {
    const volunteerId = await t.enrol('guangrui-1', { name: '周国庆', phone: '13311112222', enrolledOn: daysFrom(t.today, -30) });
    const { activityId, shiftId } = await t.schedule('guangrui-1', { date: t.today, startTime: '07:00', endTime: '12:00' });
    const shiftUrl = `/stations/guangrui-1/activities/${activityId}/shifts/${shiftId}`;
    await t.post('staffGuangrui1', `${shiftUrl}/check-ins`, { volunteerId, at: `${t.today}T07:00:00+08:00` });
    await t.post('staffGuangrui1', `${shiftUrl}/check-outs`, { volunteerId, at: `${t.today}T09:30:00+08:00` });
    const reply = await t.post('staffGuangrui1', hoursUrl(volunteerId), { servedOn: daysFrom(t.today, -2), minutes: 60 });
    expect(reply.status).toBe(201);
    await t.settled();
    expect((await hoursOf(volunteerId)).totals).toMatchObject({ pendingMinutes: 60, verifiedMinutes: 150 });
  });
});

describe('when pending hours are vouched for', () => {
  it('lets staff amend and then verify them; verified hours are never edited again', async () => {
    const volunteerId = await t.enrol('guangrui-1', { enrolledOn: '2026-01-05' });
    const entryId = await report(volunteerId);
    expect((await t.post('staffGuangrui1', `${entryUrl(volunteerId, entryId)}/amendment`, { minutes: 100 })).status).toBe(200);
    expect((await t.post('staffGuangrui1', `${entryUrl(volunteerId, entryId)}/verification`)).status).toBe(200);

    const before = await t.headPosition();
    const edit = await t.post('staffGuangrui1', `${entryUrl(volunteerId, entryId)}/amendment`, { minutes: 300 });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'verified-hours-cannot-be-edited' });
    expect(await t.headPosition()).toBe(before);
    expect((await hoursOf(volunteerId)).totals).toMatchObject({ verifiedMinutes: 100, pendingMinutes: 0 });
  });

  it('lets staff reject hours, which then count nothing', async () => {
    const volunteerId = await t.enrol('guangrui-1', { enrolledOn: '2026-01-05' });
    const entryId = await report(volunteerId);
    expect((await t.post('staffGuangrui1', `${entryUrl(volunteerId, entryId)}/rejection`, { reason: 'duplicate' })).status).toBe(200);
    expect((await hoursOf(volunteerId)).totals).toMatchObject({ verifiedMinutes: 0, pendingMinutes: 0 });
  });

  it('answers 404 for an entry the log does not hold', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    expect((await t.post('staffGuangrui1', `${entryUrl(volunteerId, 'no-such-entry')}/verification`)).body).toMatchObject({ status: 404, code: 'hours-entry-not-found' });
  });
});

describe('when a paired volunteer visits the household', () => {
  it('logs the visit as hours the household co-signs', async () => {
    const volunteerId = await t.enrol('guangrui-1');
    const pairingId = await t.pair('guangrui-1', volunteerId, { householdId: 'hh-visited', startedOn: t.today });
    expect((await t.post('staffGuangrui1', `/stations/guangrui-1/pairings/${pairingId}/visits`, { minutes: 75, kind: 'home-visit' })).status).toBe(201);
    await t.settled();

    const [entry] = (await hoursOf(volunteerId)).entries;
    expect(entry).toMatchObject({ source: 'pairing-visit', minutes: 75, status: 'pending', pairingId, householdId: 'hh-visited' });
    const wrong = await t.post('staffGuangrui1', `${entryUrl(volunteerId, entry.entryId)}/co-signature`, { householdId: 'hh-other', signatoryResidentId: 'res-grandma' });
    expect(wrong.body).toMatchObject({ status: 422, code: 'household-not-served' });
    const signed = await t.post('staffGuangrui1', `${entryUrl(volunteerId, entry.entryId)}/co-signature`, { householdId: 'hh-visited', signatoryResidentId: 'res-grandma' });
    expect(signed.status).toBe(200);
    expect((await hoursOf(volunteerId)).entries[0]).toMatchObject({ status: 'verified', vouchedBy: 'household' });
  });
});

describe('when verified hours are disputed', () => {
  async function verifiedEntry(volunteerId: string, minutes = 120): Promise<string> {
    const entryId = await report(volunteerId, { minutes });
    await t.post('staffGuangrui1', `${entryUrl(volunteerId, entryId)}/verification`);
    return entryId;
  }

  it('settles the dispute with a correction, keeping the original in the log', async () => {
    const volunteerId = await t.enrol('guangrui-1', { enrolledOn: '2026-01-05' });
    const entryId = await verifiedEntry(volunteerId);
    expect((await t.post('staffGuangrui1', `${entryUrl(volunteerId, entryId)}/dispute`, { raisedBy: 'household', reason: 'wrong-duration' })).status).toBe(200);
    expect((await hoursOf(volunteerId)).totals).toMatchObject({ verifiedMinutes: 0, disputedMinutes: 120 });

    expect((await t.post('staffGuangrui1', `${entryUrl(volunteerId, entryId)}/correction`, { minutes: 45 })).status).toBe(200);

    expect(await hoursOf(volunteerId)).toMatchObject({ totals: { verifiedMinutes: 45, disputedMinutes: 0 }, entries: [{ minutes: 45, status: 'verified', corrected: true }] });
    const events = await t.stream(volunteeringStreams.volunteer('guangrui-1', volunteerId));
    expect(events.map((event) => event.type)).toEqual([
      'volunteering.volunteer-enrolled',
      'volunteering.hours-logged',
      'volunteering.hours-verified',
      'volunteering.hours-disputed',
      'volunteering.hours-corrected',
    ]);
    expect(events[1].data).toMatchObject({ minutes: 120 });
    expect(events[4].data).toMatchObject({ minutes: 45, previousMinutes: 120 });
  });

  it('settles the dispute by dismissing it', async () => {
    const volunteerId = await t.enrol('guangrui-1', { enrolledOn: '2026-01-05' });
    const entryId = await verifiedEntry(volunteerId);
    await t.post('staffGuangrui1', `${entryUrl(volunteerId, entryId)}/dispute`, { raisedBy: 'volunteer', reason: 'wrong-date' });
    expect((await t.post('staffGuangrui1', `${entryUrl(volunteerId, entryId)}/dispute-dismissal`)).status).toBe(200);
    expect((await hoursOf(volunteerId)).totals).toMatchObject({ verifiedMinutes: 120, disputedMinutes: 0 });
  });

  it('refuses a correction without a dispute', async () => {
    const volunteerId = await t.enrol('guangrui-1', { enrolledOn: '2026-01-05' });
    const entryId = await verifiedEntry(volunteerId);
    expect((await t.post('staffGuangrui1', `${entryUrl(volunteerId, entryId)}/correction`, { minutes: 10 })).body).toMatchObject({ status: 409, code: 'hours-not-disputed' });
  });
});

describe('the yearly totals', () => {
  it('are kept per year, and shown on the volunteer', async () => {
    const volunteerId = await t.enrol('guangrui-1', { enrolledOn: '2025-11-01' });
    const lastYear = await report(volunteerId, { servedOn: '2025-12-20', minutes: 200 });
    await t.post('staffGuangrui1', `${entryUrl(volunteerId, lastYear)}/verification`);
    await report(volunteerId, { minutes: 60 });

    expect((await hoursOf(volunteerId, 2025)).totals).toEqual({ year: 2025, verifiedMinutes: 200, pendingMinutes: 0, disputedMinutes: 0 });
    expect((await hoursOf(volunteerId)).totals).toEqual({ year: 2026, verifiedMinutes: 0, pendingMinutes: 60, disputedMinutes: 0 });
    expect((await hoursOf(volunteerId, 2024)).entries).toEqual([]);
    const volunteer = await t.get<VolunteerView>('staffGuangrui1', `/stations/guangrui-1/volunteers/${volunteerId}`);
    expect(volunteer.body.hoursByYear.map((year) => year.year)).toEqual([2026, 2025]);
  });
});
