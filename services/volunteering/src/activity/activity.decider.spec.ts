import { volunteeringEventContracts } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { ActivityCommand, activityDecider, ActivityEvent, recurring, shiftIdOf, staffingOf } from './activity.decider';
import { issuedAt } from '../testing/decider-command';

const A = 'act-1';
const STATION = 'guangrui-1';
/** 09:00 at the station on 2026-06-15 (a Monday). */
const NOW = '2026-06-15T01:00:00.000Z';
const SHIFT = '20260620-0900';
const at = (date: string, time: string) => new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString();

const command = <T extends ActivityCommand['type']>(type: T, data: Extract<ActivityCommand, { type: T }>['data'], now = NOW) => issuedAt<ActivityCommand>({ type, data }, now);

const saturdayShift = { shiftId: SHIFT, date: '2026-06-20', startTime: '09:00', endTime: '12:00', minStaff: 1, maxStaff: 2 };
const scheduled: ActivityEvent = {
  type: 'volunteering.activity-scheduled',
  data: {
    activityId: A,
    stationId: STATION,
    title: 'Saturday clean-up of the compound',
    kind: 'environment',
    location: '广瑞一村 east gate',
    requiredSkills: [],
    shifts: [saturdayShift],
  },
};
const signedUp = (volunteerId: string, shiftId = SHIFT): ActivityEvent => ({ type: 'volunteering.volunteer-signed-up', data: { activityId: A, shiftId, volunteerId } });
const checkedIn = (volunteerId: string, time = '08:55'): ActivityEvent => ({
  type: 'volunteering.volunteer-checked-in',
  data: { activityId: A, shiftId: SHIFT, volunteerId, checkedInAt: at('2026-06-20', time) },
});
const onTheDay = (time: string) => at('2026-06-20', time);

const spec = deciderSpec(activityDecider, { contracts: volunteeringEventContracts });

describe('an activity', () => {
  const schedule = (extra: Partial<Extract<ActivityCommand, { type: 'ScheduleActivity' }>['data']> = {}) =>
    command('ScheduleActivity', {
      activityId: A,
      stationId: STATION,
      title: 'Saturday clean-up of the compound',
      kind: 'environment',
      location: '广瑞一村 east gate',
      requiredSkills: [],
      shifts: [{ date: '2026-06-20', startTime: '09:00', endTime: '12:00', minStaff: 1, maxStaff: 2 }],
      ...extra,
    });

  describe('when it is scheduled', () => {
    it('opens its shifts, each named by its start', () => {
      const state = spec.given([]).when(schedule()).then([scheduled]);
      expect(state.status !== 'none' && state.shifts[SHIFT]).toMatchObject({ status: 'scheduled', roster: {} });
    });

    it('expands a weekly recurrence into its shifts', () => {
      const recurrence = { from: '2026-06-15', until: '2026-06-28', weekdays: [3, 6], startTime: '14:00', endTime: '16:00', minStaff: 2, maxStaff: 4 };
      const [event] = activityDecider.decide(schedule({ shifts: undefined, recurrence }), { status: 'none' });
      expect(event.type === 'volunteering.activity-scheduled' && event.data.shifts.map((s) => s.shiftId)).toEqual([
        '20260617-1400',
        '20260620-1400',
        '20260624-1400',
        '20260627-1400',
      ]);
    });

    it('rejects an activity without shifts', () => {
      spec.given([]).when(schedule({ shifts: [] })).thenRejects('activity-without-shifts', { status: 422 });
    });

    it('rejects a recurrence on weekdays that never come', () => {
      spec
        .given([])
        .when(schedule({ shifts: undefined, recurrence: { from: '2026-06-15', until: '2026-06-16', weekdays: [7], startTime: '09:00', endTime: '10:00', minStaff: 0, maxStaff: 1 } }))
        .thenRejects('activity-without-shifts');
    });

    it('rejects a recurrence over more than a year', () => {
      expect(() => recurring({ from: '2026-06-15', until: '2027-06-17', weekdays: [1], startTime: '09:00', endTime: '10:00', minStaff: 0, maxStaff: 1 })).toThrow(
        expect.objectContaining({ code: 'invalid-recurrence' }),
      );
    });

    it('rejects more shifts than one command may create', () => {
      const every = { from: '2026-06-15', until: '2027-06-14', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '09:00', endTime: '10:00', minStaff: 0, maxStaff: 1 };
      spec.given([]).when(schedule({ shifts: undefined, recurrence: every })).thenRejects('too-many-shifts');
    });

    it('rejects a minimum above the maximum', () => {
      spec
        .given([])
        .when(schedule({ shifts: [{ date: '2026-06-20', startTime: '09:00', endTime: '12:00', minStaff: 3, maxStaff: 2 }] }))
        .thenRejects('invalid-staffing', { status: 422 });
    });

    it('rejects a shift that ends before it starts', () => {
      spec
        .given([])
        .when(schedule({ shifts: [{ date: '2026-06-20', startTime: '12:00', endTime: '09:00', minStaff: 1, maxStaff: 2 }] }))
        .thenRejects('invalid-shift-time');
    });

    it('rejects a shift in the past', () => {
      spec
        .given([])
        .when(schedule({ shifts: [{ date: '2026-06-14', startTime: '09:00', endTime: '12:00', minStaff: 1, maxStaff: 2 }] }))
        .thenRejects('shift-in-the-past');
    });

    it('rejects the same shift twice', () => {
      const twice = { date: '2026-06-20', startTime: '09:00', endTime: '12:00', minStaff: 1, maxStaff: 2 };
      spec.given([]).when(schedule({ shifts: [twice, { ...twice, endTime: '11:00' }] })).thenRejects('duplicate-shift', { status: 409 });
    });

    it('rejects scheduling it again', () => {
      spec.given([scheduled]).when(schedule()).thenRejects('activity-already-scheduled', { status: 409 });
    });
  });

  describe('when shifts are added or cancelled', () => {
    it('adds new shifts', () => {
      spec
        .given([scheduled])
        .when(command('AddShifts', { activityId: A, shifts: [{ date: '2026-06-27', startTime: '09:00', endTime: '12:00', minStaff: 1, maxStaff: 3 }] }))
        .then([
          {
            type: 'volunteering.shifts-added',
            data: { activityId: A, shifts: [{ shiftId: '20260627-0900', date: '2026-06-27', startTime: '09:00', endTime: '12:00', minStaff: 1, maxStaff: 3 }] },
          },
        ]);
    });

    it('rejects a shift the activity already has', () => {
      spec
        .given([scheduled])
        .when(command('AddShifts', { activityId: A, shifts: [{ date: '2026-06-20', startTime: '09:00', endTime: '10:00', minStaff: 1, maxStaff: 3 }] }))
        .thenRejects('duplicate-shift');
    });

    it('rejects shifts for an activity never scheduled', () => {
      spec.given([]).when(command('AddShifts', { activityId: A, shifts: [] })).thenRejects('activity-not-found', { status: 404 });
    });

    it('cancels a shift that has not started', () => {
      const state = spec
        .given([scheduled])
        .when(command('CancelShift', { activityId: A, shiftId: SHIFT, reason: 'weather' }))
        .then([{ type: 'volunteering.shift-cancelled', data: { activityId: A, shiftId: SHIFT, reason: 'weather' } }]);
      expect(state.status !== 'none' && state.shifts[SHIFT].status).toBe('cancelled');
    });

    it('rejects cancelling a shift that has started', () => {
      spec.given([scheduled]).when(command('CancelShift', { activityId: A, shiftId: SHIFT, reason: 'weather' }, onTheDay('09:30'))).thenRejects('shift-already-started');
    });

    it('rejects cancelling an unknown shift', () => {
      spec.given([scheduled]).when(command('CancelShift', { activityId: A, shiftId: '20260621-0900', reason: 'weather' })).thenRejects('shift-not-found', { status: 404 });
    });

    it('cancels the activity with the shifts still to come', () => {
      spec
        .given([scheduled])
        .when(command('CancelActivity', { activityId: A, reason: 'venue' }))
        .then([{ type: 'volunteering.activity-cancelled', data: { activityId: A, reason: 'venue', cancelledShiftIds: [SHIFT] } }]);
    });

    it('takes nothing new once cancelled', () => {
      const cancelled: ActivityEvent = { type: 'volunteering.activity-cancelled', data: { activityId: A, reason: 'venue', cancelledShiftIds: [SHIFT] } };
      spec.given([scheduled, cancelled]).when(command('CancelActivity', { activityId: A, reason: 'venue' })).thenRejects('activity-cancelled', { status: 409 });
      spec.given([scheduled, cancelled]).when(command('SignUp', { activityId: A, shiftId: SHIFT, volunteerId: 'v-1', volunteer: 'active' })).thenRejects('activity-cancelled');
    });
  });

  describe('when volunteers sign up', () => {
    const signUp = (volunteerId: string, volunteer: Extract<ActivityCommand, { type: 'SignUp' }>['data']['volunteer'] = 'active', now = NOW) =>
      command('SignUp', { activityId: A, shiftId: SHIFT, volunteerId, volunteer }, now);

    it('puts an active volunteer on the roster', () => {
      const state = spec.given([scheduled]).when(signUp('v-1')).then([signedUp('v-1')]);
      expect(state.status !== 'none' && staffingOf(state.shifts[SHIFT])).toBe('staffed');
    });

    it('rejects a sign-up beyond the maximum staffing', () => {
      spec.given([scheduled, signedUp('v-1'), signedUp('v-2')]).when(signUp('v-3')).thenRejects('shift-fully-staffed', { status: 409, details: { maxStaff: 2 } });
    });

    it('rejects the same volunteer twice', () => {
      spec.given([scheduled, signedUp('v-1')]).when(signUp('v-1')).thenRejects('already-signed-up');
    });

    it('rejects a suspended volunteer', () => {
      spec.given([scheduled]).when(signUp('v-1', 'suspended')).thenRejects('volunteer-not-active', { details: { status: 'suspended' } });
    });

    it('rejects someone who is not a volunteer of the station', () => {
      spec.given([scheduled]).when(signUp('v-1', 'none')).thenRejects('volunteer-not-found', { status: 404 });
    });

    it('rejects a sign-up once the shift has started', () => {
      spec.given([scheduled]).when(signUp('v-1', 'active', onTheDay('09:00'))).thenRejects('shift-already-started');
    });

    it('rejects a sign-up for a cancelled shift', () => {
      spec
        .given([scheduled, { type: 'volunteering.shift-cancelled', data: { activityId: A, shiftId: SHIFT, reason: 'weather' } }])
        .when(signUp('v-1'))
        .thenRejects('shift-cancelled', { status: 409 });
    });

    it('rejects a sign-up overlapping another shift of the volunteer', () => {
      const overlapping: ActivityEvent = {
        type: 'volunteering.shifts-added',
        data: { activityId: A, shifts: [{ shiftId: '20260620-1000', date: '2026-06-20', startTime: '10:00', endTime: '13:00', minStaff: 0, maxStaff: 5 }] },
      };
      spec
        .given([scheduled, overlapping, signedUp('v-1', '20260620-1000')])
        .when(signUp('v-1'))
        .thenRejects('overlapping-sign-up', { details: { shiftId: '20260620-1000' } });
    });

    it('frees the place when a sign-up is cancelled, late when under a day ahead', () => {
      const state = spec
        .given([scheduled, signedUp('v-1'), signedUp('v-2')])
        .when(command('CancelSignUp', { activityId: A, shiftId: SHIFT, volunteerId: 'v-2' }, at('2026-06-19', '20:00')))
        .then([{ type: 'volunteering.sign-up-cancelled', data: { activityId: A, shiftId: SHIFT, volunteerId: 'v-2', late: true } }]);
      expect(state.status !== 'none' && Object.keys(state.shifts[SHIFT].roster)).toEqual(['v-1']);
    });

    it('rejects cancelling a sign-up that does not exist', () => {
      spec.given([scheduled]).when(command('CancelSignUp', { activityId: A, shiftId: SHIFT, volunteerId: 'v-1' })).thenRejects('not-signed-up', { status: 404 });
    });

    it('rejects cancelling once the shift has started', () => {
      spec
        .given([scheduled, signedUp('v-1')])
        .when(command('CancelSignUp', { activityId: A, shiftId: SHIFT, volunteerId: 'v-1' }, onTheDay('09:10')))
        .thenRejects('shift-already-started');
    });

    it('rejects cancelling after the volunteer checked in', () => {
      spec
        .given([scheduled, signedUp('v-1'), checkedIn('v-1')])
        .when(command('CancelSignUp', { activityId: A, shiftId: SHIFT, volunteerId: 'v-1' }, onTheDay('08:56')))
        .thenRejects('already-checked-in');
    });
  });

  describe('when volunteers come, or do not', () => {
    const checkIn = (volunteerId: string, now: string, extra: { at?: string; volunteer?: 'active' | 'suspended' } = {}) =>
      command('CheckIn', { activityId: A, shiftId: SHIFT, volunteerId, volunteer: extra.volunteer ?? 'active', ...(extra.at ? { at: extra.at } : {}) }, now);
    const checkOut = (volunteerId: string, now: string, atTime?: string) =>
      command('CheckOut', { activityId: A, shiftId: SHIFT, volunteerId, ...(atTime ? { at: atTime } : {}) }, now);

    it('checks a signed-up volunteer in', () => {
      spec.given([scheduled, signedUp('v-1')]).when(checkIn('v-1', onTheDay('08:55'))).then([checkedIn('v-1')]);
    });

    it('signs up a walk-in on the spot when there is room', () => {
      spec.given([scheduled, signedUp('v-1')]).when(checkIn('v-2', onTheDay('08:55'))).then([signedUp('v-2'), checkedIn('v-2')]);
    });

    it('rejects a walk-in when the shift is full', () => {
      spec.given([scheduled, signedUp('v-1'), signedUp('v-2')]).when(checkIn('v-3', onTheDay('08:55'))).thenRejects('shift-fully-staffed');
    });

    it('rejects checking in a suspended volunteer', () => {
      spec.given([scheduled, signedUp('v-1')]).when(checkIn('v-1', onTheDay('08:55'), { volunteer: 'suspended' })).thenRejects('volunteer-not-active');
    });

    it('rejects a check-in long before the shift', () => {
      spec.given([scheduled, signedUp('v-1')]).when(checkIn('v-1', onTheDay('07:30'))).thenRejects('check-in-outside-shift', { status: 422 });
    });

    it('rejects a check-in recorded ahead of time', () => {
      spec.given([scheduled, signedUp('v-1')]).when(checkIn('v-1', onTheDay('08:55'), { at: onTheDay('09:30') })).thenRejects('check-in-in-future');
    });

    it('records a check-in afterwards at the time given', () => {
      spec.given([scheduled, signedUp('v-1')]).when(checkIn('v-1', onTheDay('18:00'), { at: onTheDay('08:55') })).then([checkedIn('v-1')]);
    });

    it('rejects a second check-in', () => {
      spec.given([scheduled, signedUp('v-1'), checkedIn('v-1')]).when(checkIn('v-1', onTheDay('09:00'))).thenRejects('already-checked-in', { status: 409 });
    });

    it('checks out with the attended minutes and the day served', () => {
      const state = spec
        .given([scheduled, signedUp('v-1'), checkedIn('v-1')])
        .when(checkOut('v-1', onTheDay('12:05')))
        .then([
          {
            type: 'volunteering.volunteer-checked-out',
            data: {
              activityId: A,
              shiftId: SHIFT,
              volunteerId: 'v-1',
              servedOn: '2026-06-20',
              checkedInAt: onTheDay('08:55'),
              checkedOutAt: onTheDay('12:05'),
              minutes: 190,
            },
          },
        ]);
      expect(state.status !== 'none' && state.shifts[SHIFT].roster['v-1'].status).toBe('checked-out');
    });

    it('rejects a check-out without a check-in', () => {
      spec.given([scheduled, signedUp('v-1')]).when(checkOut('v-1', onTheDay('12:00'))).thenRejects('not-checked-in', { status: 409 });
    });

    it('rejects a check-out before the check-in', () => {
      spec.given([scheduled, signedUp('v-1'), checkedIn('v-1')]).when(checkOut('v-1', onTheDay('12:00'), onTheDay('08:00'))).thenRejects('check-out-before-check-in');
    });

    it('rejects a check-out recorded ahead of time', () => {
      spec.given([scheduled, signedUp('v-1'), checkedIn('v-1')]).when(checkOut('v-1', onTheDay('10:00'), onTheDay('12:00'))).thenRejects('check-out-in-future');
    });

    it('rejects a check-out long after the shift', () => {
      spec.given([scheduled, signedUp('v-1'), checkedIn('v-1')]).when(checkOut('v-1', onTheDay('23:00'))).thenRejects('check-out-outside-shift');
    });

    it('records a no-show once the shift started, and frees the place', () => {
      const state = spec
        .given([scheduled, signedUp('v-1'), signedUp('v-2')])
        .when(command('MarkNoShow', { activityId: A, shiftId: SHIFT, volunteerId: 'v-2' }, onTheDay('09:30')))
        .then([{ type: 'volunteering.volunteer-no-show', data: { activityId: A, shiftId: SHIFT, volunteerId: 'v-2' } }]);
      expect(state.status !== 'none' && staffingOf(state.shifts[SHIFT])).toBe('staffed');
    });

    it('records a no-show once only', () => {
      const noShow: ActivityEvent = { type: 'volunteering.volunteer-no-show', data: { activityId: A, shiftId: SHIFT, volunteerId: 'v-1' } };
      spec.given([scheduled, signedUp('v-1'), noShow]).when(command('MarkNoShow', { activityId: A, shiftId: SHIFT, volunteerId: 'v-1' }, onTheDay('10:00'))).then([]);
    });

    it('overrides a no-show recorded by mistake with the check-in', () => {
      const noShow: ActivityEvent = { type: 'volunteering.volunteer-no-show', data: { activityId: A, shiftId: SHIFT, volunteerId: 'v-1' } };
      spec.given([scheduled, signedUp('v-1'), noShow]).when(checkIn('v-1', onTheDay('10:00'), { at: onTheDay('08:55') })).then([checkedIn('v-1')]);
    });

    it('rejects a no-show before the shift started', () => {
      spec
        .given([scheduled, signedUp('v-1')])
        .when(command('MarkNoShow', { activityId: A, shiftId: SHIFT, volunteerId: 'v-1' }, onTheDay('08:30')))
        .thenRejects('shift-not-started');
    });

    it('rejects a no-show of a volunteer who came', () => {
      spec
        .given([scheduled, signedUp('v-1'), checkedIn('v-1')])
        .when(command('MarkNoShow', { activityId: A, shiftId: SHIFT, volunteerId: 'v-1' }, onTheDay('10:00')))
        .thenRejects('already-checked-in');
    });

    it('still closes the attendance of a shift under way when the activity is cancelled', () => {
      const cancelled: ActivityEvent = { type: 'volunteering.activity-cancelled', data: { activityId: A, reason: 'weather', cancelledShiftIds: [] } };
      const [event] = activityDecider.decide(checkOut('v-1', onTheDay('10:00')), [scheduled, signedUp('v-1'), checkedIn('v-1'), cancelled].reduce(activityDecider.evolve, activityDecider.initialState()));
      expect(event.type).toBe('volunteering.volunteer-checked-out');
    });
  });

  it('names a shift by its date and start time', () => {
    expect(shiftIdOf('2026-06-20', '09:00')).toBe(SHIFT);
  });
});
