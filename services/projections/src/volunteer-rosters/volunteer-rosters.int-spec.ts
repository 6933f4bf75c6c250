import { ActivityScheduled, VolunteerSignedUp } from '@kinship/contracts';
import { OUTSIDERS, readAs, readModelSpec } from '../volunteer-testing/read-model-http';
import { VolunteerRostersPage } from './volunteer-rosters.queries';

describe('volunteer rosters over HTTP', () => {
  const spec = readModelSpec(async (write) => {
    const shift = (date: string, startTime: string, minStaff: number, maxStaff: number) => ({
      shiftId: `${date.replace(/-/g, '')}-${startTime.replace(':', '')}`,
      date,
      startTime,
      endTime: '12:00',
      minStaff,
      maxStaff,
    });
    await write.activity('guangrui-1', 'act-1', ActivityScheduled, {
      activityId: 'act-1',
      stationId: 'guangrui-1',
      title: 'Homework club',
      kind: 'tutoring',
      location: 'Reading room',
      requiredSkills: ['tutoring'],
      shifts: [shift('2026-06-20', '09:00', 2, 3), shift('2026-06-21', '09:00', 1, 1), shift('2026-08-01', '09:00', 1, 2)],
    });
    await write.activity('guangrui-1', 'act-1', VolunteerSignedUp, { activityId: 'act-1', shiftId: '20260621-0900', volunteerId: 'v-1' });
    return write.activity('guangyi', 'act-2', ActivityScheduled, {
      activityId: 'act-2',
      stationId: 'guangyi',
      title: 'Elsewhere',
      kind: 'other',
      location: 'Guangyi',
      requiredSkills: [],
      shifts: [shift('2026-06-20', '10:00', 1, 2)],
    });
  });
  const http = () => spec.http();

  const url = (query: string) => `/stations/guangrui-1/volunteer-rosters?${query}`;

  it("lists the station's shifts of the period in the order they start, with their staffing", async () => {
    const reply = await readAs<VolunteerRostersPage>(http(), ['station-staff', 'guangrui-1'], url(`from=2026-06-15&to=2026-06-30&afterPosition=${spec.head()}`));
    expect(reply.status).toBe(200);
    expect(reply.body.staffing).toEqual({ understaffed: 1, staffed: 0, full: 1 });
    expect(reply.body.items.map(({ shiftId, title, staffing, roster }) => ({ shiftId, title, staffing, roster }))).toEqual([
      { shiftId: '20260620-0900', title: 'Homework club', staffing: 'understaffed', roster: [] },
      { shiftId: '20260621-0900', title: 'Homework club', staffing: 'full', roster: [{ volunteerId: 'v-1', status: 'signed-up' }] },
    ]);
  });

  it('shows the coordinator the shifts that still need volunteers', async () => {
    const reply = await readAs<VolunteerRostersPage>(http(), ['center-manager', 'guangrui'], url('from=2026-06-15&to=2026-12-31&staffing=understaffed'));
    expect(reply.body.items.map((item) => item.shiftId)).toEqual(['20260620-0900', '20260801-0900']);
    expect(reply.body.total).toBe(2);
  });

  it('refuses outsiders and callers without a token', async () => {
    for (const outsider of OUTSIDERS) expect((await readAs(http(), outsider, url(''))).status).toBe(403);
    expect((await readAs(http(), null, url(''))).status).toBe(401);
  });

  it('answers 400 problem+json to a bad query', async () => {
    for (const query of ['from=2026-02-30', 'to=tomorrow', 'staffing=overstaffed', 'status=done']) {
      const reply = await readAs<{ code: string }>(http(), ['station-staff', 'guangrui-1'], url(query));
      expect({ query, status: reply.status, code: reply.body.code }).toEqual({ query, status: 400, code: 'validation-failed' });
    }
  });
});
