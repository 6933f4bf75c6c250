import { volunteeringEventContracts } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { hoursByYear, requireActiveVolunteer, serviceSummary, VolunteerCommand, volunteerDecider, VolunteerEvent, VolunteerState } from './volunteer.decider';
import { atTenOn, issuedAt } from '../testing/decider-command';

const V = 'vol-1';
const STATION = 'guangrui-1';
const TODAY = '2026-06-15';

const command = <T extends VolunteerCommand['type']>(type: T, data: Extract<VolunteerCommand, { type: T }>['data'], today = TODAY) => issuedAt<VolunteerCommand>({ type, data }, atTenOn(today));

const enrolled: VolunteerEvent = {
  type: 'volunteering.volunteer-enrolled',
  data: {
    volunteerId: V,
    stationId: STATION,
    residentId: 'res-1',
    personal: 'v1.cipher.personal',
    skills: ['first-aid'],
    languages: ['zh'],
    availability: [{ weekday: 6, part: 'morning' }],
    enrolledOn: '2026-01-10',
  },
};
const suspended: VolunteerEvent = { type: 'volunteering.volunteer-suspended', data: { volunteerId: V, suspendedOn: '2026-05-01', reason: 'health' } };
const left: VolunteerEvent = { type: 'volunteering.volunteer-left', data: { volunteerId: V, leftOn: '2026-05-20', reason: 'moved-away' } };
const erased: VolunteerEvent = { type: 'volunteering.volunteer-personal-data-erased', data: { volunteerId: V, cause: 'resident-erased' } };
const selfReported: VolunteerEvent = {
  type: 'volunteering.hours-logged',
  data: { volunteerId: V, entryId: 'e-1', source: 'self-reported', servedOn: '2026-06-01', minutes: 120, description: 'v1.cipher.text' },
};
const visitHours: VolunteerEvent = {
  type: 'volunteering.hours-logged',
  data: { volunteerId: V, entryId: 'e-2', source: 'pairing-visit', servedOn: '2026-06-02', minutes: 60, pairingId: 'p-1', householdId: 'hh-1' },
};
const attendanceHours: VolunteerEvent = {
  type: 'volunteering.hours-logged',
  data: {
    volunteerId: V,
    entryId: 'e-3',
    source: 'attendance',
    servedOn: '2026-06-06',
    minutes: 180,
    activityId: 'act-1',
    shiftId: '20260606-0900',
    attendance: { checkedInAt: '2026-06-06T01:00:00.000Z', checkedOutAt: '2026-06-06T04:00:00.000Z' },
  },
};
const verified = (entryId: string): VolunteerEvent => ({ type: 'volunteering.hours-verified', data: { volunteerId: V, entryId, verifiedBy: 'staff-7' } });
const disputed = (entryId: string): VolunteerEvent => ({
  type: 'volunteering.hours-disputed',
  data: { volunteerId: V, entryId, raisedBy: 'household', reason: 'wrong-duration' },
});

const spec = deciderSpec(volunteerDecider, { contracts: volunteeringEventContracts });
const stateAfter = (events: VolunteerEvent[]): VolunteerState => events.reduce(volunteerDecider.evolve, volunteerDecider.initialState());

describe('the volunteer', () => {
  describe('when a resident enrols', () => {
    const enrol = { ...enrolled.data } as Extract<VolunteerCommand, { type: 'EnrolVolunteer' }>['data'];

    it('joins the team, active, with their encrypted details', () => {
      const state = spec.given([]).when(command('EnrolVolunteer', enrol)).then([enrolled]);
      expect(state).toMatchObject({ status: 'active', residentId: 'res-1', entries: {} });
    });

    it('enrols today when no date is given', () => {
      const { enrolledOn: _date, ...undated } = enrol;
      spec.given([]).when(command('EnrolVolunteer', undated)).then([{ ...enrolled, data: { ...enrolled.data, enrolledOn: TODAY } }]);
    });

    it('rejects a second enrolment of the same volunteer', () => {
      spec.given([enrolled]).when(command('EnrolVolunteer', enrol)).thenRejects('volunteer-already-enrolled', { status: 409 });
    });

    it('rejects an enrolment dated in the future', () => {
      spec.given([]).when(command('EnrolVolunteer', { ...enrol, enrolledOn: '2026-07-01' })).thenRejects('date-in-future', { status: 422 });
    });
  });

  describe('when the profile changes', () => {
    it('records only the fields that changed', () => {
      spec
        .given([enrolled])
        .when(command('UpdateVolunteerProfile', { volunteerId: V, skills: ['first-aid', 'tutoring'], languages: ['zh'] }))
        .then([{ type: 'volunteering.volunteer-profile-updated', data: { volunteerId: V, skills: ['first-aid', 'tutoring'] } }]);
    });

    it('records nothing when nothing changed', () => {
      spec.given([enrolled]).when(command('UpdateVolunteerProfile', { volunteerId: V, availability: [{ weekday: 6, part: 'morning' }] })).then([]);
    });

    it('rejects an update that names no field', () => {
      spec.given([enrolled]).when(command('UpdateVolunteerProfile', { volunteerId: V })).thenRejects('nothing-to-update', { status: 422 });
    });

    it('rejects an update of a volunteer who left', () => {
      spec.given([enrolled, left]).when(command('UpdateVolunteerProfile', { volunteerId: V, skills: [] })).thenRejects('volunteer-has-left');
    });

    it('rejects any command for a volunteer never enrolled', () => {
      spec.given([]).when(command('UpdateVolunteerProfile', { volunteerId: V, skills: [] })).thenRejects('volunteer-not-found', { status: 404 });
    });
  });

  describe('when a volunteer is suspended and reinstated', () => {
    it('suspends an active volunteer', () => {
      const state = spec.given([enrolled]).when(command('SuspendVolunteer', { volunteerId: V, reason: 'health', suspendedOn: '2026-05-01' })).then([suspended]);
      expect(state.status).toBe('suspended');
    });

    it('rejects suspending a volunteer already suspended', () => {
      spec.given([enrolled, suspended]).when(command('SuspendVolunteer', { volunteerId: V, reason: 'conduct' })).thenRejects('volunteer-not-active', { status: 409 });
    });

    it('rejects a suspension dated before the enrolment', () => {
      spec
        .given([enrolled])
        .when(command('SuspendVolunteer', { volunteerId: V, reason: 'conduct', suspendedOn: '2025-12-31' }))
        .thenRejects('date-before-enrolment', { details: { field: 'suspendedOn' } });
    });

    it('reinstates a suspended volunteer', () => {
      const state = spec
        .given([enrolled, suspended])
        .when(command('ReinstateVolunteer', { volunteerId: V }))
        .then([{ type: 'volunteering.volunteer-reinstated', data: { volunteerId: V, reinstatedOn: TODAY } }]);
      expect(state).toMatchObject({ status: 'active' });
      expect(state).not.toHaveProperty('suspendedOn');
    });

    it('rejects reinstating a volunteer who is not suspended', () => {
      spec.given([enrolled]).when(command('ReinstateVolunteer', { volunteerId: V })).thenRejects('volunteer-not-suspended', { status: 409 });
    });

    it('rejects a reinstatement dated before the suspension', () => {
      spec
        .given([enrolled, suspended])
        .when(command('ReinstateVolunteer', { volunteerId: V, reinstatedOn: '2026-04-30' }))
        .thenRejects('date-before-suspension', { status: 422 });
    });
  });

  describe('when a volunteer leaves the team', () => {
    it('records the departure, suspended or not', () => {
      spec.given([enrolled, suspended]).when(command('RecordDeparture', { volunteerId: V, reason: 'moved-away', leftOn: '2026-05-20' })).then([left]);
    });

    it('rejects a second departure', () => {
      spec.given([enrolled, left]).when(command('RecordDeparture', { volunteerId: V, reason: 'no-time' })).thenRejects('volunteer-has-left', { status: 409 });
    });

    it('rejects a departure in the future', () => {
      spec.given([enrolled]).when(command('RecordDeparture', { volunteerId: V, reason: 'no-time', leftOn: '2026-06-16' })).thenRejects('date-in-future');
    });
  });

  describe('when their personal data is erased', () => {
    it('drops the personal fields and the descriptions, and keeps the hours', () => {
      const state = spec
        .given([enrolled, selfReported])
        .when(command('EraseVolunteerPersonalData', { volunteerId: V, cause: 'resident-erased' }))
        .then([erased]);
      expect(state).toMatchObject({ status: 'erased', personal: null, entries: { 'e-1': { minutes: 120 } } });
      expect(state.status !== 'none' && state.entries['e-1'].description).toBeFalsy();
    });

    it('erases once: a repeated erasure decides nothing', () => {
      spec.given([enrolled, erased]).when(command('EraseVolunteerPersonalData', { volunteerId: V, cause: 'resident-erased' })).then([]);
    });

    it('closes the record to every other command', () => {
      spec.given([enrolled, erased]).when(command('SuspendVolunteer', { volunteerId: V, reason: 'other' })).thenRejects('volunteer-erased', { status: 409 });
    });
  });
});

describe("the volunteer's hours", () => {
  const log = (data: Partial<Extract<VolunteerCommand, { type: 'LogHours' }>['data']>) =>
    command('LogHours', { volunteerId: V, entryId: 'e-9', source: 'self-reported', servedOn: '2026-06-10', minutes: 90, ...data });
  const shift = { activityId: 'act-1', shiftId: '20260606-0900' };
  const fullAttendance = { checkedInAt: '2026-06-06T01:00:00.000Z', checkedOutAt: '2026-06-06T04:00:00.000Z' };

  describe('when hours are logged from attendance', () => {
    it('logs the attended minutes, verified by the attendance itself', () => {
      const state = spec
        .given([enrolled])
        .when(log({ entryId: 'e-3', source: 'attendance', servedOn: '2026-06-06', minutes: 180, shift: { ...shift, attendance: fullAttendance } }))
        .then([attendanceHours]);
      expect(state.status !== 'none' && state.entries['e-3']).toMatchObject({ status: 'verified', vouchedBy: 'attendance' });
    });

    it('rejects hours for a shift the volunteer never checked in to', () => {
      spec
        .given([enrolled])
        .when(log({ source: 'attendance', servedOn: '2026-06-06', shift: { ...shift, attendance: null } }))
        .thenRejects('hours-without-attendance', { status: 422 });
    });

    it('rejects hours from attendance without a check-out', () => {
      spec
        .given([enrolled])
        .when(log({ source: 'attendance', servedOn: '2026-06-06', shift: { ...shift, attendance: { checkedInAt: fullAttendance.checkedInAt } } }))
        .thenRejects('hours-without-attendance');
    });

    it('rejects hours from attendance that name no shift', () => {
      spec.given([enrolled]).when(log({ source: 'attendance' })).thenRejects('hours-without-attendance');
    });

    it('rejects more minutes than were attended', () => {
      spec
        .given([enrolled])
        .when(log({ source: 'attendance', servedOn: '2026-06-06', minutes: 181, shift: { ...shift, attendance: fullAttendance } }))
        .thenRejects('hours-exceed-attendance', { details: { attendedMinutes: 180 } });
    });

    it('rejects a second entry for the same shift', () => {
      spec
        .given([enrolled, attendanceHours])
        .when(log({ source: 'self-reported', servedOn: '2026-06-06', minutes: 60, shift: { ...shift, attendance: fullAttendance } }))
        .thenRejects('hours-already-logged-for-shift', { status: 409 });
    });
  });

  describe('when a volunteer reports hours themselves', () => {
    it('logs them pending verification', () => {
      const state = spec
        .given([enrolled])
        .when(log({ entryId: 'e-1', servedOn: '2026-06-01', minutes: 120, description: 'v1.cipher.text' }))
        .then([selfReported]);
      expect(state.status !== 'none' && state.entries['e-1'].status).toBe('pending');
    });

    it('accepts hours on a shift checked in to but never checked out of', () => {
      spec
        .given([enrolled])
        .when(log({ servedOn: '2026-06-06', minutes: 150, shift: { ...shift, attendance: { checkedInAt: fullAttendance.checkedInAt } } }))
        .then([
          {
            type: 'volunteering.hours-logged',
            data: { volunteerId: V, entryId: 'e-9', source: 'self-reported', servedOn: '2026-06-06', minutes: 150, ...shift },
          },
        ]);
    });

    it('rejects self-reported hours on a shift without attendance', () => {
      spec.given([enrolled]).when(log({ shift: { ...shift, attendance: null } })).thenRejects('hours-without-attendance');
    });

    it.each([0, 961, 1.5])('rejects %p minutes', (minutes) => {
      spec.given([enrolled]).when(log({ minutes })).thenRejects('invalid-minutes', { details: { field: 'minutes' } });
    });

    it('rejects hours served in the future', () => {
      spec.given([enrolled]).when(log({ servedOn: '2026-06-16' })).thenRejects('date-in-future');
    });

    it('rejects hours served before the enrolment', () => {
      spec.given([enrolled]).when(log({ servedOn: '2026-01-09' })).thenRejects('date-before-enrolment');
    });

    it('rejects hours served after the volunteer left', () => {
      spec.given([enrolled, left]).when(log({ servedOn: '2026-05-21' })).thenRejects('hours-after-leaving');
    });

    it('accepts hours served before the volunteer left', () => {
      spec.given([enrolled, left]).when(log({ servedOn: '2026-05-19' })).then([
        { type: 'volunteering.hours-logged', data: { volunteerId: V, entryId: 'e-9', source: 'self-reported', servedOn: '2026-05-19', minutes: 90 } },
      ]);
    });

    it('rejects an entry id already in the log', () => {
      spec.given([enrolled, selfReported]).when(log({ entryId: 'e-1' })).thenRejects('hours-entry-already-exists', { status: 409 });
    });

    it('rejects visit hours that name no household', () => {
      spec.given([enrolled]).when(log({ source: 'pairing-visit', pairingId: 'p-1' })).thenRejects('visit-without-pairing');
    });
  });

  describe('when pending hours are amended', () => {
    it('records the new figures', () => {
      spec
        .given([enrolled, selfReported])
        .when(command('AmendHours', { volunteerId: V, entryId: 'e-1', minutes: 100 }))
        .then([
          { type: 'volunteering.hours-amended', data: { volunteerId: V, entryId: 'e-1', servedOn: '2026-06-01', minutes: 100, description: 'v1.cipher.text' } },
        ]);
    });

    it('records nothing when nothing changed', () => {
      spec.given([enrolled, selfReported]).when(command('AmendHours', { volunteerId: V, entryId: 'e-1', minutes: 120 })).then([]);
    });

    it('rejects editing verified hours', () => {
      spec
        .given([enrolled, selfReported, verified('e-1')])
        .when(command('AmendHours', { volunteerId: V, entryId: 'e-1', minutes: 240 }))
        .thenRejects('verified-hours-cannot-be-edited', { status: 409 });
    });

    it('rejects editing hours in dispute', () => {
      spec
        .given([enrolled, selfReported, verified('e-1'), disputed('e-1')])
        .when(command('AmendHours', { volunteerId: V, entryId: 'e-1', minutes: 240 }))
        .thenRejects('verified-hours-cannot-be-edited');
    });

    it('rejects editing hours from attendance, which are verified', () => {
      spec.given([enrolled, attendanceHours]).when(command('AmendHours', { volunteerId: V, entryId: 'e-3', minutes: 200 })).thenRejects('verified-hours-cannot-be-edited');
    });

    it('rejects editing rejected hours', () => {
      spec
        .given([enrolled, selfReported, { type: 'volunteering.hours-rejected', data: { volunteerId: V, entryId: 'e-1', reason: 'duplicate' } }])
        .when(command('AmendHours', { volunteerId: V, entryId: 'e-1', minutes: 10 }))
        .thenRejects('hours-entry-rejected');
    });

    it('rejects an unknown entry', () => {
      spec.given([enrolled]).when(command('AmendHours', { volunteerId: V, entryId: 'nope', minutes: 10 })).thenRejects('hours-entry-not-found', { status: 404 });
    });

    it('rejects an amended date in the future', () => {
      spec.given([enrolled, selfReported]).when(command('AmendHours', { volunteerId: V, entryId: 'e-1', servedOn: '2026-07-01' })).thenRejects('date-in-future');
    });
  });

  describe('when hours are vouched for', () => {
    it('lets station staff verify pending hours', () => {
      const state = spec.given([enrolled, selfReported]).when(command('VerifyHours', { volunteerId: V, entryId: 'e-1' })).then([verified('e-1')]);
      expect(state.status !== 'none' && state.entries['e-1']).toMatchObject({ status: 'verified', vouchedBy: 'staff' });
    });

    it('rejects verifying hours twice', () => {
      spec.given([enrolled, selfReported, verified('e-1')]).when(command('VerifyHours', { volunteerId: V, entryId: 'e-1' })).thenRejects('verified-hours-cannot-be-edited');
    });

    it('lets the household served co-sign', () => {
      const coSigned: VolunteerEvent = {
        type: 'volunteering.hours-co-signed',
        data: { volunteerId: V, entryId: 'e-2', householdId: 'hh-1', signatoryResidentId: 'res-9' },
      };
      const state = spec
        .given([enrolled, visitHours])
        .when(command('CoSignHours', { volunteerId: V, entryId: 'e-2', householdId: 'hh-1', signatoryResidentId: 'res-9' }))
        .then([coSigned]);
      expect(state.status !== 'none' && state.entries['e-2']).toMatchObject({ status: 'verified', vouchedBy: 'household' });
    });

    it('rejects a co-signature from another household', () => {
      spec
        .given([enrolled, visitHours])
        .when(command('CoSignHours', { volunteerId: V, entryId: 'e-2', householdId: 'hh-2', signatoryResidentId: 'res-9' }))
        .thenRejects('household-not-served', { status: 422 });
    });

    it('rejects a co-signature on hours that served no household', () => {
      spec
        .given([enrolled, selfReported])
        .when(command('CoSignHours', { volunteerId: V, entryId: 'e-1', householdId: 'hh-1', signatoryResidentId: 'res-9' }))
        .thenRejects('household-not-served');
    });

    it('lets staff reject pending hours', () => {
      spec
        .given([enrolled, selfReported])
        .when(command('RejectHours', { volunteerId: V, entryId: 'e-1', reason: 'not-credible' }))
        .then([{ type: 'volunteering.hours-rejected', data: { volunteerId: V, entryId: 'e-1', reason: 'not-credible' } }]);
    });

    it('rejects rejecting verified hours', () => {
      spec
        .given([enrolled, selfReported, verified('e-1')])
        .when(command('RejectHours', { volunteerId: V, entryId: 'e-1', reason: 'not-credible' }))
        .thenRejects('verified-hours-cannot-be-edited');
    });
  });

  describe('when verified hours are disputed', () => {
    const inDispute = [enrolled, selfReported, verified('e-1'), disputed('e-1')];

    it('opens the dispute', () => {
      const state = spec
        .given([enrolled, selfReported, verified('e-1')])
        .when(command('DisputeHours', { volunteerId: V, entryId: 'e-1', raisedBy: 'household', reason: 'wrong-duration' }))
        .then([disputed('e-1')]);
      expect(state.status !== 'none' && state.entries['e-1'].status).toBe('disputed');
    });

    it('rejects a dispute of pending hours, which are amended instead', () => {
      spec
        .given([enrolled, selfReported])
        .when(command('DisputeHours', { volunteerId: V, entryId: 'e-1', raisedBy: 'staff', reason: 'other' }))
        .thenRejects('hours-not-verified', { status: 409 });
    });

    it('rejects a second dispute of the same hours', () => {
      spec.given(inDispute).when(command('DisputeHours', { volunteerId: V, entryId: 'e-1', raisedBy: 'staff', reason: 'other' })).thenRejects('hours-already-disputed');
    });

    it('settles it with a correction that keeps what was there before', () => {
      const state = spec
        .given(inDispute)
        .when(command('CorrectHours', { volunteerId: V, entryId: 'e-1', minutes: 90 }))
        .then([
          {
            type: 'volunteering.hours-corrected',
            data: { volunteerId: V, entryId: 'e-1', servedOn: '2026-06-01', minutes: 90, previousServedOn: '2026-06-01', previousMinutes: 120 },
          },
        ]);
      expect(state.status !== 'none' && state.entries['e-1']).toMatchObject({ status: 'verified', minutes: 90, corrected: true });
    });

    it('corrects to nothing when the service was not given', () => {
      spec.given(inDispute).when(command('CorrectHours', { volunteerId: V, entryId: 'e-1', minutes: 0 })).then([
        {
          type: 'volunteering.hours-corrected',
          data: { volunteerId: V, entryId: 'e-1', servedOn: '2026-06-01', minutes: 0, previousServedOn: '2026-06-01', previousMinutes: 120 },
        },
      ]);
    });

    it('rejects a correction without a dispute', () => {
      spec.given([enrolled, selfReported, verified('e-1')]).when(command('CorrectHours', { volunteerId: V, entryId: 'e-1', minutes: 90 })).thenRejects('hours-not-disputed');
    });

    it('settles it by dismissing the dispute', () => {
      const state = spec
        .given(inDispute)
        .when(command('DismissHoursDispute', { volunteerId: V, entryId: 'e-1' }))
        .then([{ type: 'volunteering.hours-dispute-dismissed', data: { volunteerId: V, entryId: 'e-1' } }]);
      expect(state.status !== 'none' && state.entries['e-1']).toMatchObject({ status: 'verified', minutes: 120 });
    });

    it('rejects dismissing a dispute that is not open', () => {
      spec.given([enrolled, selfReported]).when(command('DismissHoursDispute', { volunteerId: V, entryId: 'e-1' })).thenRejects('hours-not-disputed');
    });
  });

  describe('the yearly totals and the service of a period', () => {
    const lastYear: VolunteerEvent = {
      type: 'volunteering.hours-logged',
      data: { volunteerId: V, entryId: 'e-0', source: 'self-reported', servedOn: '2025-12-30', minutes: 45 },
    };
    const state = stateAfter([enrolled, lastYear, verified('e-0'), selfReported, visitHours, verified('e-2'), attendanceHours, disputed('e-3')]);
    const entries = state.status === 'none' ? {} : state.entries;

    it('split each year into verified, pending and disputed minutes, latest year first', () => {
      expect(hoursByYear(entries)).toEqual([
        { year: 2026, verifiedMinutes: 60, pendingMinutes: 120, disputedMinutes: 180 },
        { year: 2025, verifiedMinutes: 45, pendingMinutes: 0, disputedMinutes: 0 },
      ]);
    });

    it('sum only verified service, and count what is in dispute', () => {
      expect(serviceSummary(entries, '2026-01-01', '2026-06-30')).toEqual({
        verifiedMinutes: 60,
        disputedEntries: 1,
        shiftsAttended: 0,
        pairingVisits: 1,
        minutesByActivity: {},
      });
    });
  });
});

describe('requireActiveVolunteer', () => {
  it('admits the active and refuses everyone else', () => {
    expect(() => requireActiveVolunteer('active')).not.toThrow();
    expect(() => requireActiveVolunteer('none')).toThrow(expect.objectContaining({ code: 'volunteer-not-found', status: 404 }));
    for (const standing of ['suspended', 'left', 'erased'] as const) {
      expect(() => requireActiveVolunteer(standing)).toThrow(expect.objectContaining({ code: 'volunteer-not-active', status: 409 }));
    }
  });
});
