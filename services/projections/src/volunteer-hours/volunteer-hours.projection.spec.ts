import {
  HoursAmended,
  HoursCorrected,
  HoursDisputed,
  HoursLogged,
  HoursRejected,
  HoursVerified,
  VolunteerLeft,
  VolunteerPersonalDataErased,
  VolunteerProfileUpdated,
} from '@kinship/contracts';
import { projectionSpec } from '../volunteer-testing/projection-harness';
import { VOLUNTEER_YEARS, VolunteerDocument, VolunteerYearDocument, VOLUNTEERS } from './volunteer-hours.document';
import { VolunteerNotProjectedError, volunteerHoursProjection } from './volunteer-hours.projection';

describe('volunteer hours projection', () => {
  const { write, harness } = projectionSpec((infra) => volunteerHoursProjection({ org: infra.org }));

  const volunteer = (id: string) => harness().collection<VolunteerDocument>(VOLUNTEERS).get(id);
  const year = (id: string, y: number) => harness().collection<VolunteerYearDocument>(VOLUNTEER_YEARS).get(`${id}:${y}`);
  const log = (id: string, entryId: string, servedOn: string, minutes: number, source: 'attendance' | 'self-reported' = 'self-reported') =>
    write().volunteer('guangrui-1', id, HoursLogged, { volunteerId: id, entryId, source, servedOn, minutes });

  describe('when a volunteer enrols', () => {
    it('lists them at their station and chain, their details still encrypted', async () => {
      await write().enrol('guangrui-1', 'v-enrolled', { residentId: 'res-1', name: '王秀英' });
      await harness().project();
      const doc = await volunteer('v-enrolled');
      expect(doc).toMatchObject({ stationId: 'guangrui-1', centerId: 'guangrui', residentId: 'res-1', status: 'active', skills: ['first-aid'] });
      expect(doc?.personal).toMatch(/^v1\./);
      expect(JSON.stringify(doc)).not.toContain('王秀英');
    });
  });

  describe('when hours are logged and vouched for', () => {
    it('keeps verified, pending and disputed minutes apart, per year', async () => {
      await write().enrol('guangrui-1', 'v-hours');
      await log('v-hours', 'e-1', '2026-03-01', 120);
      await log('v-hours', 'e-2', '2026-03-08', 180, 'attendance');
      await log('v-hours', 'e-3', '2026-03-09', 60);
      await log('v-hours', 'e-4', '2025-12-30', 45);
      await write().volunteer('guangrui-1', 'v-hours', HoursVerified, { volunteerId: 'v-hours', entryId: 'e-4', verifiedBy: 'staff-1' });
      await write().volunteer('guangrui-1', 'v-hours', HoursRejected, { volunteerId: 'v-hours', entryId: 'e-3', reason: 'duplicate' });
      await write().volunteer('guangrui-1', 'v-hours', HoursDisputed, { volunteerId: 'v-hours', entryId: 'e-2', raisedBy: 'volunteer', reason: 'wrong-duration' });
      await harness().project();

      expect(await year('v-hours', 2026)).toMatchObject({ stationId: 'guangrui-1', centerId: 'guangrui', verifiedMinutes: 0, pendingMinutes: 120, disputedMinutes: 180 });
      expect(await year('v-hours', 2025)).toMatchObject({ verifiedMinutes: 45, pendingMinutes: 0, disputedMinutes: 0 });
    });

    it('follows a correction and an amendment, even into another year', async () => {
      await write().enrol('guangrui-1', 'v-moved');
      await log('v-moved', 'e-1', '2026-01-02', 120);
      await log('v-moved', 'e-2', '2026-02-02', 60);
      await write().volunteer('guangrui-1', 'v-moved', HoursVerified, { volunteerId: 'v-moved', entryId: 'e-2', verifiedBy: 'staff-1' });
      await write().volunteer('guangrui-1', 'v-moved', HoursDisputed, { volunteerId: 'v-moved', entryId: 'e-2', raisedBy: 'household', reason: 'wrong-duration' });
      await write().volunteer('guangrui-1', 'v-moved', HoursCorrected, {
        volunteerId: 'v-moved',
        entryId: 'e-2',
        servedOn: '2026-02-02',
        minutes: 30,
        previousServedOn: '2026-02-02',
        previousMinutes: 60,
      });
      await write().volunteer('guangrui-1', 'v-moved', HoursAmended, { volunteerId: 'v-moved', entryId: 'e-1', servedOn: '2025-12-31', minutes: 100 });
      await harness().project();

      expect(await year('v-moved', 2026)).toMatchObject({ verifiedMinutes: 30, pendingMinutes: 0 });
      expect(await year('v-moved', 2025)).toMatchObject({ verifiedMinutes: 0, pendingMinutes: 100 });
    });

    it('counts an event delivered twice once', async () => {
      await write().enrol('guangrui-1', 'v-twice');
      await log('v-twice', 'e-1', '2026-04-01', 90);
      await write().volunteer('guangrui-1', 'v-twice', HoursVerified, { volunteerId: 'v-twice', entryId: 'e-1', verifiedBy: 'staff-1' });
      await harness().project();
      await harness().again();
      expect(await year('v-twice', 2026)).toMatchObject({ verifiedMinutes: 90, pendingMinutes: 0 });
    });
  });

  describe("when the volunteer's standing changes", () => {
    it('records the new skills and the departure', async () => {
      await write().enrol('guangrui-1', 'v-left');
      await write().volunteer('guangrui-1', 'v-left', VolunteerProfileUpdated, { volunteerId: 'v-left', skills: ['driving'] });
      await write().volunteer('guangrui-1', 'v-left', VolunteerLeft, { volunteerId: 'v-left', leftOn: '2026-05-01', reason: 'moved-away' });
      await harness().project();
      expect(await volunteer('v-left')).toMatchObject({ skills: ['driving'], status: 'left', leftOn: '2026-05-01' });
    });

    it('drops the personal data on erasure and keeps the hours', async () => {
      await write().enrol('guangrui-1', 'v-erased');
      await log('v-erased', 'e-1', '2026-04-01', 90, 'attendance');
      await write().volunteer('guangrui-1', 'v-erased', VolunteerPersonalDataErased, { volunteerId: 'v-erased', cause: 'resident-erased' });
      await write().volunteer('guangrui-1', 'v-erased', VolunteerProfileUpdated, { volunteerId: 'v-erased', personal: 'v1.a.b.c' });
      await harness().project();
      expect(await volunteer('v-erased')).toMatchObject({ status: 'erased', personal: null });
      expect(await year('v-erased', 2026)).toMatchObject({ verifiedMinutes: 90 });
    });
  });

  it('refuses an event of a volunteer it never saw enrol, for the dead letters', async () => {
    await log('v-unknown', 'e-1', '2026-04-01', 90);
    await expect(harness().project()).rejects.toBeInstanceOf(VolunteerNotProjectedError);
  });
});
