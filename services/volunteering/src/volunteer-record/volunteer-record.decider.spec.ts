import { volunteeringEventContracts } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { ServiceSummary } from '../volunteer/volunteer.decider';
import { VolunteerRecordCommand, volunteerRecordDecider, VolunteerRecordEvent } from './volunteer-record.decider';
import { atTenOn, issuedAt } from '../testing/decider-command';

const SERIAL = 'VR7K3M9Q2X4B8N6P1R5T0W2Y4Z';
const TODAY = '2026-06-15';

const command = <T extends VolunteerRecordCommand['type']>(type: T, data: Extract<VolunteerRecordCommand, { type: T }>['data']) => issuedAt<VolunteerRecordCommand>({ type, data }, atTenOn(TODAY), 'liangxi');

const service: ServiceSummary = { verifiedMinutes: 5_400, disputedEntries: 0, shiftsAttended: 20, pairingVisits: 12, minutesByActivity: { 'act-1': 1_200, 'act-2': 3_000 } };
const issue = (extra: Partial<Extract<VolunteerRecordCommand, { type: 'IssueVolunteerRecord' }>['data']> = {}) =>
  command('IssueVolunteerRecord', {
    serial: SERIAL,
    volunteerId: 'vol-1',
    issuerStationId: 'guangrui-1',
    volunteer: 'active',
    from: '2025-06-01',
    to: '2026-05-31',
    service,
    activityTitles: { 'act-1': 'Saturday clean-up', 'act-2': 'Homework club' },
    ...extra,
  });
const issued: VolunteerRecordEvent = {
  type: 'volunteering.volunteer-record-issued',
  data: {
    serial: SERIAL,
    volunteerId: 'vol-1',
    issuerStationId: 'guangrui-1',
    from: '2025-06-01',
    to: '2026-05-31',
    issuedOn: TODAY,
    verifiedMinutes: 5_400,
    shiftsAttended: 20,
    pairingVisits: 12,
    activities: [
      { activityId: 'act-2', title: 'Homework club', minutes: 3_000 },
      { activityId: 'act-1', title: 'Saturday clean-up', minutes: 1_200 },
    ],
  },
};

const spec = deciderSpec(volunteerRecordDecider, { contracts: volunteeringEventContracts });

describe('a volunteer record', () => {
  describe('when it is issued', () => {
    it('certifies the verified service of the period, activities with most hours first', () => {
      spec.given([]).when(issue()).then([issued]);
    });

    it('rejects a period without verified hours', () => {
      spec.given([]).when(issue({ service: { ...service, verifiedMinutes: 0, minutesByActivity: {} } })).thenRejects('no-verified-hours-in-period', { status: 422 });
    });

    it('waits until the hours in dispute are settled', () => {
      spec.given([]).when(issue({ service: { ...service, disputedEntries: 2 } })).thenRejects('hours-in-dispute', { status: 409, details: { disputedEntries: 2 } });
    });

    it('rejects a period that ends before it starts', () => {
      spec.given([]).when(issue({ from: '2026-06-01', to: '2026-05-31' })).thenRejects('invalid-period');
    });

    it('rejects a period that is not over', () => {
      spec.given([]).when(issue({ to: '2026-06-30' })).thenRejects('period-in-future');
    });

    it('rejects someone who is not a volunteer of the station', () => {
      spec.given([]).when(issue({ volunteer: 'none' })).thenRejects('volunteer-not-found', { status: 404 });
    });

    it('rejects an erased volunteer', () => {
      spec.given([]).when(issue({ volunteer: 'erased' })).thenRejects('volunteer-erased', { status: 409 });
    });

    it('rejects a serial used before', () => {
      spec.given([issued]).when(issue()).thenRejects('serial-already-used', { status: 409 });
    });
  });

  describe('when it is revoked', () => {
    const revoke = (stationId = 'guangrui-1') => command('RevokeVolunteerRecord', { serial: SERIAL, stationId, reason: 'hours-corrected' });

    it('records the revocation', () => {
      const state = spec.given([issued]).when(revoke()).then([{ type: 'volunteering.volunteer-record-revoked', data: { serial: SERIAL, revokedOn: TODAY, reason: 'hours-corrected' } }]);
      expect(state).toMatchObject({ status: 'revoked', revokedOn: TODAY });
    });

    it('lets only the issuing station revoke it', () => {
      spec.given([issued]).when(revoke('guangyi')).thenRejects('volunteer-record-not-found', { status: 404 });
    });

    it('rejects a second revocation', () => {
      spec
        .given([issued, { type: 'volunteering.volunteer-record-revoked', data: { serial: SERIAL, revokedOn: TODAY, reason: 'other' } }])
        .when(revoke())
        .thenRejects('record-already-revoked', { status: 409 });
    });

    it('rejects an unknown serial', () => {
      spec.given([]).when(revoke()).thenRejects('volunteer-record-not-found');
    });
  });
});
