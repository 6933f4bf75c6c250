import { HoursLogged, HoursVerified, VolunteerPersonalDataErased } from '@kinship/contracts';
import { OUTSIDERS, readAs, readModelSpec } from '../volunteer-testing/read-model-http';
import { ChainHours, VolunteerHoursPage } from './volunteer-hours.queries';

describe('volunteer hours over HTTP', () => {
  const spec = readModelSpec(async (write) => {
    const log = async (volunteerId: string, entryId: string, minutes: number, verified: boolean, servedOn = '2026-03-01') => {
      await write.volunteer('guangrui-1', volunteerId, HoursLogged, { volunteerId, entryId, source: 'self-reported', servedOn, minutes });
      if (verified) await write.volunteer('guangrui-1', volunteerId, HoursVerified, { volunteerId, entryId, verifiedBy: 'staff-1' });
    };
    await write.enrol('guangrui-1', 'v-busy', { name: '王秀英', residentId: 'res-busy' });
    await write.enrol('guangrui-1', 'v-new', { name: '李建国' });
    await write.enrol('guangrui-1', 'v-gone', { name: '张丽娟' });
    await write.enrol('guangyi', 'v-elsewhere', { name: '刘志强' });
    await log('v-busy', 'e-1', 6_000, true);
    await log('v-busy', 'e-2', 120, false);
    await log('v-busy', 'e-3', 500, true, '2025-06-01');
    await log('v-new', 'e-4', 600, true);
    await log('v-elsewhere', 'e-5', 60, true);
    return write.volunteer('guangrui-1', 'v-gone', VolunteerPersonalDataErased, { volunteerId: 'v-gone', cause: 'volunteer-request' });
  });
  const http = () => spec.http();

  describe('a station reading its volunteers', () => {
    it('lists them with the most verified hours first, names masked, and the year in summary', async () => {
      const reply = await readAs<VolunteerHoursPage>(http(), ['station-staff', 'guangrui-1'], `/stations/guangrui-1/volunteer-hours?year=2026&afterPosition=${spec.head()}`);
      expect(reply.status).toBe(200);
      expect(reply.body.items.map(({ volunteerId, name, verifiedMinutes, pendingMinutes }) => ({ volunteerId, name, verifiedMinutes, pendingMinutes }))).toEqual([
        { volunteerId: 'v-busy', name: '王**', verifiedMinutes: 6_000, pendingMinutes: 120 },
        { volunteerId: 'v-new', name: '李**', verifiedMinutes: 600, pendingMinutes: 0 },
        { volunteerId: 'v-gone', name: null, verifiedMinutes: 0, pendingMinutes: 0 },
      ]);
      expect(reply.body.summary).toEqual({
        stationId: 'guangrui-1',
        year: 2026,
        members: 2,
        volunteersWithVerifiedHours: 2,
        verifiedMinutes: 6_600,
        pendingMinutes: 120,
        disputedMinutes: 0,
        verifiedHoursPerMember: 55,
      });
      for (const clear of ['王秀英', '李建国', '张丽娟', '刘志强']) expect(reply.text).not.toContain(clear);
    });

    it('answers for another year and filters by status', async () => {
      const lastYear = await readAs<VolunteerHoursPage>(http(), ['station-lead', 'guangrui-1'], '/stations/guangrui-1/volunteer-hours?year=2025&status=active&pageSize=1');
      expect(lastYear.body).toMatchObject({ year: 2025, total: 2, pageSize: 1, items: [{ volunteerId: 'v-busy', verifiedMinutes: 500 }] });
    });

    it('refuses other stations, other chains, operators and analysts, and callers without a token', async () => {
      for (const outsider of OUTSIDERS) expect((await readAs(http(), outsider, '/stations/guangrui-1/volunteer-hours')).status).toBe(403);
      expect((await readAs(http(), null, '/stations/guangrui-1/volunteer-hours')).status).toBe(401);
    });

    it('answers 400 problem+json to a bad query', async () => {
      for (const query of ['year=1999', 'status=retired', 'pageSize=0', 'colour=red']) {
        const reply = await readAs<{ code: string }>(http(), ['station-staff', 'guangrui-1'], `/stations/guangrui-1/volunteer-hours?${query}`);
        expect({ query, status: reply.status, code: reply.body.code }).toEqual({ query, status: 400, code: 'validation-failed' });
        expect(reply.contentType).toMatch(/^application\/problem\+json/);
      }
    });
  });

  describe('a center manager reading the chain', () => {
    it('sums the year per station', async () => {
      const reply = await readAs<ChainHours>(http(), ['center-manager', 'guangrui'], '/centers/guangrui/volunteer-hours?year=2026');
      expect(reply.status).toBe(200);
      expect(reply.body.stations.map(({ stationId, members, verifiedMinutes }) => ({ stationId, members, verifiedMinutes }))).toEqual([
        { stationId: 'guangrui-1', members: 2, verifiedMinutes: 6_600 },
        { stationId: 'guangyi', members: 1, verifiedMinutes: 60 },
      ]);
    });

    it("refuses another chain's manager and station staff", async () => {
      expect((await readAs(http(), ['center-manager', 'huishan'], '/centers/guangrui/volunteer-hours')).status).toBe(403);
      expect((await readAs(http(), ['station-lead', 'guangrui-1'], '/centers/guangrui/volunteer-hours')).status).toBe(403);
    });
  });
});
