import {
  ActivityCancelled,
  ActivityScheduled,
  ShiftCancelled,
  ShiftsAdded,
  SignUpCancelled,
  VolunteerCheckedIn,
  VolunteerCheckedOut,
  VolunteerNoShow,
  VolunteerSignedUp,
} from '@kinship/contracts';
import { projectionSpec } from '../volunteer-testing/projection-harness';
import { SHIFT_ROSTERS, ShiftRosterDocument } from './volunteer-rosters.document';
import { volunteerRostersProjection } from './volunteer-rosters.projection';

describe('volunteer rosters projection', () => {
  const { write, harness } = projectionSpec((infra) => volunteerRostersProjection({ org: infra.org }));

  const A = 'act-1';
  const shift = (shiftId: string) => harness().collection<ShiftRosterDocument>(SHIFT_ROSTERS).get(`${A}/${shiftId}`);
  const onShift = { activityId: A, shiftId: '20260620-0900' };
  const schedule = () =>
    write().activity('guangrui-1', A, ActivityScheduled, {
      activityId: A,
      stationId: 'guangrui-1',
      title: 'Clean-up',
      kind: 'environment',
      location: 'East gate',
      requiredSkills: [],
      shifts: [{ shiftId: '20260620-0900', date: '2026-06-20', startTime: '09:00', endTime: '12:00', minStaff: 2, maxStaff: 3 }],
    });

  it('opens each shift understaffed, with the activity it belongs to', async () => {
    await schedule();
    await write().activity('guangrui-1', A, ShiftsAdded, {
      activityId: A,
      shifts: [{ shiftId: '20260627-0900', date: '2026-06-27', startTime: '09:00', endTime: '12:00', minStaff: 0, maxStaff: 1 }],
    });
    await harness().project();
    expect(await shift('20260620-0900')).toMatchObject({ stationId: 'guangrui-1', centerId: 'guangrui', title: 'Clean-up', kind: 'environment', staffed: 0, staffing: 'understaffed' });
    expect(await shift('20260627-0900')).toMatchObject({ location: 'East gate', staffing: 'staffed' });
  });

  it('follows the roster into its staffing state, with no-shows not counted', async () => {
    await schedule();
    for (const volunteerId of ['v-1', 'v-2', 'v-3']) await write().activity('guangrui-1', A, VolunteerSignedUp, { ...onShift, volunteerId });
    await harness().project();
    expect(await shift('20260620-0900')).toMatchObject({ staffed: 3, staffing: 'full' });

    await write().activity('guangrui-1', A, SignUpCancelled, { ...onShift, volunteerId: 'v-3', late: true });
    await write().activity('guangrui-1', A, VolunteerCheckedIn, { ...onShift, volunteerId: 'v-1', checkedInAt: '2026-06-20T00:55:00.000Z' });
    await write().activity('guangrui-1', A, VolunteerCheckedOut, {
      ...onShift,
      volunteerId: 'v-1',
      servedOn: '2026-06-20',
      checkedInAt: '2026-06-20T00:55:00.000Z',
      checkedOutAt: '2026-06-20T04:00:00.000Z',
      minutes: 185,
    });
    await write().activity('guangrui-1', A, VolunteerNoShow, { ...onShift, volunteerId: 'v-2' });
    await harness().project();
    await harness().again();

    expect(await shift('20260620-0900')).toMatchObject({
      roster: [
        { volunteerId: 'v-1', status: 'checked-out' },
        { volunteerId: 'v-2', status: 'no-show' },
      ],
      staffed: 1,
      staffing: 'understaffed',
    });
  });

  it('marks cancelled shifts', async () => {
    await schedule();
    await write().activity('guangrui-1', A, ShiftCancelled, { ...onShift, reason: 'weather' });
    await harness().project();
    expect((await shift('20260620-0900'))?.status).toBe('cancelled');
  });

  it('marks the shifts a cancelled activity took with it', async () => {
    await schedule();
    await write().activity('guangrui-1', A, ActivityCancelled, { activityId: A, reason: 'venue', cancelledShiftIds: ['20260620-0900'] });
    await harness().project();
    expect((await shift('20260620-0900'))?.status).toBe('cancelled');
  });
});
