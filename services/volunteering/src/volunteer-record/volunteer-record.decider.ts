import { RECORD_REVOCATION_REASONS, VolunteerRecordIssuedData, VolunteeringEvent } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';
import { IsoDate, stationDate } from '../shared/station-time';
import { ServiceSummary, VolunteerStanding } from '../volunteer/volunteer.decider';

/**
 * A volunteer service record (志愿服务证明): a statement of a volunteer's verified service over a period, issued
 * by a station, one stream per record: `volrecord-<districtId>-<serial>`. The serial is the only key to it, so
 * anyone who holds the paper can check it is genuine and not revoked.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export interface IssueVolunteerRecordData {
  serial: string;
  volunteerId: string;
  issuerStationId: string;
  volunteer: VolunteerStanding;
  from: IsoDate;
  to: IsoDate;
  /** The volunteer's verified service in the period, summed from their log by the handler. */
  service: ServiceSummary;
  /** Titles of the activities served, by activity id. */
  activityTitles: Record<string, string>;
}
export interface RevokeVolunteerRecordData {
  serial: string;
  /** The station asking: only the issuer revokes its records. */
  stationId: string;
  reason: (typeof RECORD_REVOCATION_REASONS)[number];
}

export type VolunteerRecordCommand = Command<'IssueVolunteerRecord', IssueVolunteerRecordData> | Command<'RevokeVolunteerRecord', RevokeVolunteerRecordData>;

export type VolunteerRecordEvent = Extract<VolunteeringEvent, { type: 'volunteering.volunteer-record-issued' | 'volunteering.volunteer-record-revoked' }>;

export type VolunteerRecordState =
  | { status: 'none' }
  | (VolunteerRecordIssuedData & { status: 'issued' })
  | (VolunteerRecordIssuedData & { status: 'revoked'; revokedOn: IsoDate; revocationReason: RevokeVolunteerRecordData['reason'] });

export const volunteerRecordDecider: Decider<VolunteerRecordCommand, VolunteerRecordState, VolunteerRecordEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function decide(command: VolunteerRecordCommand, state: VolunteerRecordState): VolunteerRecordEvent[] {
  const today = stationDate(command.metadata.now);
  switch (command.type) {
    case 'IssueVolunteerRecord':
      return issue(command.data, state, today);
    case 'RevokeVolunteerRecord': {
      if (state.status === 'none' || state.issuerStationId !== command.data.stationId) {
        throw new DomainError('volunteer-record-not-found', 'No record with this serial was issued by this station', 404);
      }
      if (state.status === 'revoked') throw new DomainError('record-already-revoked', 'The record was already revoked', 409);
      return [{ type: 'volunteering.volunteer-record-revoked', data: { serial: state.serial, revokedOn: today, reason: command.data.reason } }];
    }
    default:
      return assertNever(command);
  }
}

function issue(data: IssueVolunteerRecordData, state: VolunteerRecordState, today: IsoDate): VolunteerRecordEvent[] {
  if (state.status !== 'none') throw new DomainError('serial-already-used', 'A record with this serial exists', 409);
  if (data.volunteer === 'none') throw new DomainError('volunteer-not-found', `No volunteer ${data.volunteerId} at this station`, 404);
  if (data.volunteer === 'erased') throw new DomainError('volunteer-erased', "The volunteer's personal data has been erased; the record is closed", 409);
  if (data.from > data.to) throw new DomainError('invalid-period', 'The period ends before it starts', 422, { field: 'to' });
  if (data.to > today) throw new DomainError('period-in-future', 'A record certifies service already given', 422, { field: 'to' });
  if (data.service.disputedEntries > 0) {
    throw new DomainError('hours-in-dispute', 'Hours of this period are in dispute; settle them before issuing a record', 409, {
      disputedEntries: data.service.disputedEntries,
    });
  }
  if (data.service.verifiedMinutes === 0) throw new DomainError('no-verified-hours-in-period', 'The volunteer has no verified hours in this period', 422);
  const activities = Object.entries(data.service.minutesByActivity)
    .map(([activityId, minutes]) => ({ activityId, title: data.activityTitles[activityId] ?? activityId, minutes }))
    .sort((a, b) => b.minutes - a.minutes || a.activityId.localeCompare(b.activityId));
  return [
    {
      type: 'volunteering.volunteer-record-issued',
      data: {
        serial: data.serial,
        volunteerId: data.volunteerId,
        issuerStationId: data.issuerStationId,
        from: data.from,
        to: data.to,
        issuedOn: today,
        verifiedMinutes: data.service.verifiedMinutes,
        shiftsAttended: data.service.shiftsAttended,
        pairingVisits: data.service.pairingVisits,
        activities,
      },
    },
  ];
}

function evolve(state: VolunteerRecordState, event: VolunteerRecordEvent): VolunteerRecordState {
  switch (event.type) {
    case 'volunteering.volunteer-record-issued':
      return { status: 'issued', ...event.data };
    case 'volunteering.volunteer-record-revoked':
      return state.status === 'none' ? state : { ...state, status: 'revoked', revokedOn: event.data.revokedOn, revocationReason: event.data.reason };
    default:
      return assertNever(event);
  }
}
