import {
  DEPARTURE_REASONS,
  ERASURE_CAUSES,
  HOURS_DISPUTE_PARTIES,
  HOURS_DISPUTE_REASONS,
  HOURS_REJECTION_REASONS,
  HOURS_SOURCES,
  SUSPENSION_REASONS,
  VolunteerEnrolledData,
  VolunteeringEvent,
} from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';
import { IsoDate, minutesBetween, stationDate } from '../shared/station-time';

/**
 * The volunteer (志愿者) aggregate, one stream per volunteer and station: `volunteer-<stationId>-<volunteerId>`.
 * It holds the volunteer's standing in the team and their service log: every entry of hours, how it was
 * vouched for, and how a dispute about it was settled. Personal fields arrive encrypted.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** One shift at most, in minutes: 16 hours. Longer claims are split into several entries or are a mistake. */
export const MAX_ENTRY_MINUTES = 16 * 60;

type Availability = VolunteerEnrolledData['availability'];
export type HoursSource = (typeof HOURS_SOURCES)[number];

/** A volunteer's presence on a shift, as the activity recorded it; null when they never checked in. */
export interface ShiftAttendance {
  checkedInAt: string;
  checkedOutAt?: string;
}

export interface EnrolVolunteerData {
  volunteerId: string;
  stationId: string;
  residentId?: string;
  personal: string;
  skills: string[];
  languages: string[];
  availability: Availability;
  /** Defaults to the station's today. */
  enrolledOn?: IsoDate;
}
export interface UpdateVolunteerProfileData {
  volunteerId: string;
  personal?: string;
  skills?: string[];
  languages?: string[];
  availability?: Availability;
}
export interface SuspendVolunteerData {
  volunteerId: string;
  reason: (typeof SUSPENSION_REASONS)[number];
  suspendedOn?: IsoDate;
}
export interface ReinstateVolunteerData {
  volunteerId: string;
  reinstatedOn?: IsoDate;
}
export interface RecordDepartureData {
  volunteerId: string;
  reason: (typeof DEPARTURE_REASONS)[number];
  leftOn?: IsoDate;
}
export interface EraseVolunteerPersonalDataData {
  volunteerId: string;
  cause: (typeof ERASURE_CAUSES)[number];
}
export interface LogHoursData {
  volunteerId: string;
  entryId: string;
  source: HoursSource;
  servedOn: IsoDate;
  minutes: number;
  /** The shift the hours were served on, with the attendance the activity holds for the volunteer. */
  shift?: { activityId: string; shiftId: string; attendance: ShiftAttendance | null };
  pairingId?: string;
  householdId?: string;
  description?: string;
}
export interface AmendHoursData {
  volunteerId: string;
  entryId: string;
  servedOn?: IsoDate;
  minutes?: number;
  description?: string;
}
export interface VerifyHoursData {
  volunteerId: string;
  entryId: string;
}
export interface CoSignHoursData {
  volunteerId: string;
  entryId: string;
  householdId: string;
  signatoryResidentId: string;
}
export interface RejectHoursData {
  volunteerId: string;
  entryId: string;
  reason: (typeof HOURS_REJECTION_REASONS)[number];
}
export interface DisputeHoursData {
  volunteerId: string;
  entryId: string;
  raisedBy: (typeof HOURS_DISPUTE_PARTIES)[number];
  reason: (typeof HOURS_DISPUTE_REASONS)[number];
}
export interface CorrectHoursData {
  volunteerId: string;
  entryId: string;
  /** Zero when the dispute found the service was not given. */
  minutes: number;
  servedOn?: IsoDate;
}
export interface DismissHoursDisputeData {
  volunteerId: string;
  entryId: string;
}

export type VolunteerCommand =
  | Command<'EnrolVolunteer', EnrolVolunteerData>
  | Command<'UpdateVolunteerProfile', UpdateVolunteerProfileData>
  | Command<'SuspendVolunteer', SuspendVolunteerData>
  | Command<'ReinstateVolunteer', ReinstateVolunteerData>
  | Command<'RecordDeparture', RecordDepartureData>
  | Command<'EraseVolunteerPersonalData', EraseVolunteerPersonalDataData>
  | Command<'LogHours', LogHoursData>
  | Command<'AmendHours', AmendHoursData>
  | Command<'VerifyHours', VerifyHoursData>
  | Command<'CoSignHours', CoSignHoursData>
  | Command<'RejectHours', RejectHoursData>
  | Command<'DisputeHours', DisputeHoursData>
  | Command<'CorrectHours', CorrectHoursData>
  | Command<'DismissHoursDispute', DismissHoursDisputeData>;

/** The volunteering events that live on a volunteer stream. */
export type VolunteerEvent = Extract<
  VolunteeringEvent,
  {
    type:
      | 'volunteering.volunteer-enrolled'
      | 'volunteering.volunteer-profile-updated'
      | 'volunteering.volunteer-suspended'
      | 'volunteering.volunteer-reinstated'
      | 'volunteering.volunteer-left'
      | 'volunteering.volunteer-personal-data-erased'
      | 'volunteering.hours-logged'
      | 'volunteering.hours-amended'
      | 'volunteering.hours-verified'
      | 'volunteering.hours-co-signed'
      | 'volunteering.hours-rejected'
      | 'volunteering.hours-disputed'
      | 'volunteering.hours-corrected'
      | 'volunteering.hours-dispute-dismissed';
  }
>;

export type HoursStatus = 'pending' | 'verified' | 'rejected' | 'disputed';

/** One entry of the service log as it stands now. */
export interface HoursEntry {
  entryId: string;
  source: HoursSource;
  servedOn: IsoDate;
  minutes: number;
  status: HoursStatus;
  /** Who vouched for it: the attendance record, station staff, or the household served. */
  vouchedBy: 'attendance' | 'staff' | 'household' | null;
  activityId?: string;
  shiftId?: string;
  pairingId?: string;
  householdId?: string;
  description?: string;
  corrected: boolean;
}

export type VolunteerStatus = 'active' | 'suspended' | 'left' | 'erased';

export interface Volunteer {
  status: VolunteerStatus;
  volunteerId: string;
  stationId: string;
  residentId?: string;
  /** Null once erased. */
  personal: string | null;
  skills: string[];
  languages: string[];
  availability: Availability;
  enrolledOn: IsoDate;
  suspendedOn?: IsoDate;
  suspensionReason?: SuspendVolunteerData['reason'];
  leftOn?: IsoDate;
  entries: Record<string, HoursEntry>;
}

export type VolunteerState = { status: 'none' } | Volunteer;

/** A volunteer's standing as another aggregate is told it by the handler; 'none' when not enrolled there. */
export type VolunteerStanding = VolunteerState['status'];

/** Shifts and pairings take active volunteers only: not the suspended, not those who left. */
export function requireActiveVolunteer(standing: VolunteerStanding): void {
  if (standing === 'none') throw new DomainError('volunteer-not-found', 'No such volunteer at this station', 404);
  if (standing !== 'active') throw new DomainError('volunteer-not-active', 'Only an active volunteer can take this on', 409, { status: standing });
}

export const volunteerDecider: Decider<VolunteerCommand, VolunteerState, VolunteerEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

const todayOf = (metadata: CommandMetadata) => stationDate(metadata.now);

function decide(command: VolunteerCommand, state: VolunteerState): VolunteerEvent[] {
  if (command.type === 'EnrolVolunteer') return enrol(command.data, state, todayOf(command.metadata));
  if (state.status === 'none') {
    throw new DomainError('volunteer-not-found', `No volunteer ${command.data.volunteerId} at this station`, 404);
  }
  if (command.type === 'EraseVolunteerPersonalData') {
    if (state.status === 'erased') return [];
    return [{ type: 'volunteering.volunteer-personal-data-erased', data: { volunteerId: state.volunteerId, cause: command.data.cause } }];
  }
  if (state.status === 'erased') {
    throw new DomainError('volunteer-erased', "The volunteer's personal data has been erased; the record is closed", 409);
  }
  const today = todayOf(command.metadata);
  switch (command.type) {
    case 'UpdateVolunteerProfile':
      return updateProfile(command.data, state);
    case 'SuspendVolunteer': {
      requireStatus(state, 'active', 'volunteer-not-active', 'Only an active volunteer can be suspended');
      const suspendedOn = command.data.suspendedOn ?? today;
      checkDay(state, 'suspendedOn', suspendedOn, today);
      return [{ type: 'volunteering.volunteer-suspended', data: { volunteerId: state.volunteerId, suspendedOn, reason: command.data.reason } }];
    }
    case 'ReinstateVolunteer': {
      requireStatus(state, 'suspended', 'volunteer-not-suspended', 'Only a suspended volunteer can be reinstated');
      const reinstatedOn = command.data.reinstatedOn ?? today;
      checkDay(state, 'reinstatedOn', reinstatedOn, today);
      if (state.suspendedOn && reinstatedOn < state.suspendedOn) {
        throw new DomainError('date-before-suspension', 'reinstatedOn is before the suspension', 422, { field: 'reinstatedOn' });
      }
      return [{ type: 'volunteering.volunteer-reinstated', data: { volunteerId: state.volunteerId, reinstatedOn } }];
    }
    case 'RecordDeparture': {
      if (state.status === 'left') throw new DomainError('volunteer-has-left', 'The volunteer has already left the team', 409);
      const leftOn = command.data.leftOn ?? today;
      checkDay(state, 'leftOn', leftOn, today);
      return [{ type: 'volunteering.volunteer-left', data: { volunteerId: state.volunteerId, leftOn, reason: command.data.reason } }];
    }
    case 'LogHours':
      return logHours(command.data, state, today);
    case 'AmendHours':
      return amendHours(command.data, state, today);
    case 'VerifyHours': {
      const entry = pendingEntry(state, command.data.entryId);
      return [
        { type: 'volunteering.hours-verified', data: { volunteerId: state.volunteerId, entryId: entry.entryId, verifiedBy: command.metadata.actor.userId } },
      ];
    }
    case 'CoSignHours': {
      const entry = pendingEntry(state, command.data.entryId);
      if (entry.householdId === undefined || entry.householdId !== command.data.householdId) {
        throw new DomainError('household-not-served', 'Only the household this service was given to can co-sign it', 422, {
          field: 'householdId',
        });
      }
      const { householdId, signatoryResidentId } = command.data;
      return [{ type: 'volunteering.hours-co-signed', data: { volunteerId: state.volunteerId, entryId: entry.entryId, householdId, signatoryResidentId } }];
    }
    case 'RejectHours': {
      const entry = pendingEntry(state, command.data.entryId);
      return [{ type: 'volunteering.hours-rejected', data: { volunteerId: state.volunteerId, entryId: entry.entryId, reason: command.data.reason } }];
    }
    case 'DisputeHours': {
      const entry = existingEntry(state, command.data.entryId);
      if (entry.status === 'disputed') throw new DomainError('hours-already-disputed', 'These hours are already in dispute', 409);
      if (entry.status !== 'verified') {
        throw new DomainError('hours-not-verified', 'Only verified hours are disputed; pending hours are amended or rejected', 409, {
          status: entry.status,
        });
      }
      const { raisedBy, reason } = command.data;
      return [{ type: 'volunteering.hours-disputed', data: { volunteerId: state.volunteerId, entryId: entry.entryId, raisedBy, reason } }];
    }
    case 'CorrectHours':
      return correctHours(command.data, state, today);
    case 'DismissHoursDispute': {
      const entry = disputedEntry(state, command.data.entryId);
      return [{ type: 'volunteering.hours-dispute-dismissed', data: { volunteerId: state.volunteerId, entryId: entry.entryId } }];
    }
    default:
      return assertNever(command);
  }
}

function enrol(data: EnrolVolunteerData, state: VolunteerState, today: IsoDate): VolunteerEvent[] {
  if (state.status !== 'none') throw new DomainError('volunteer-already-enrolled', 'The volunteer is already enrolled', 409);
  const enrolledOn = data.enrolledOn ?? today;
  if (enrolledOn > today) throw new DomainError('date-in-future', 'enrolledOn is in the future', 422, { field: 'enrolledOn' });
  return [
    {
      type: 'volunteering.volunteer-enrolled',
      data: {
        volunteerId: data.volunteerId,
        stationId: data.stationId,
        ...(data.residentId !== undefined ? { residentId: data.residentId } : {}),
        personal: data.personal,
        skills: data.skills,
        languages: data.languages,
        availability: data.availability,
        enrolledOn,
      },
    },
  ];
}

function updateProfile(data: UpdateVolunteerProfileData, state: Volunteer): VolunteerEvent[] {
  if (state.status === 'left') throw new DomainError('volunteer-has-left', 'The volunteer has left the team', 409);
  const given = [data.personal, data.skills, data.languages, data.availability].filter((field) => field !== undefined);
  if (given.length === 0) throw new DomainError('nothing-to-update', 'Name at least one field to update', 422);
  const changed = {
    ...(data.personal !== undefined ? { personal: data.personal } : {}),
    ...(data.skills !== undefined && !sameList(data.skills, state.skills) ? { skills: data.skills } : {}),
    ...(data.languages !== undefined && !sameList(data.languages, state.languages) ? { languages: data.languages } : {}),
    ...(data.availability !== undefined && !sameAvailability(data.availability, state.availability) ? { availability: data.availability } : {}),
  };
  if (Object.keys(changed).length === 0) return [];
  return [{ type: 'volunteering.volunteer-profile-updated', data: { volunteerId: state.volunteerId, ...changed } }];
}

function logHours(data: LogHoursData, state: Volunteer, today: IsoDate): VolunteerEvent[] {
  if (state.entries[data.entryId]) throw new DomainError('hours-entry-already-exists', `Entry ${data.entryId} is already in the log`, 409);
  checkServedOn(state, data.servedOn, today);
  checkMinutes(data.minutes, 1);
  if (data.source === 'attendance' && !data.shift) {
    throw new DomainError('hours-without-attendance', 'Hours from attendance need the shift that was attended', 422);
  }
  const attendance = data.shift ? attendedSpan(data.source, data.shift.attendance, data.minutes) : undefined;
  if (data.shift) {
    const { activityId, shiftId } = data.shift;
    const credited = Object.values(state.entries).some((e) => e.activityId === activityId && e.shiftId === shiftId && e.status !== 'rejected');
    if (credited) {
      throw new DomainError('hours-already-logged-for-shift', 'Hours for this shift are already in the log', 409, { activityId, shiftId });
    }
  }
  if (data.source === 'pairing-visit' && (data.pairingId === undefined || data.householdId === undefined)) {
    throw new DomainError('visit-without-pairing', 'Hours of a pairing visit name the pairing and the household visited', 422);
  }
  return [
    {
      type: 'volunteering.hours-logged',
      data: {
        volunteerId: state.volunteerId,
        entryId: data.entryId,
        source: data.source,
        servedOn: data.servedOn,
        minutes: data.minutes,
        ...(data.shift ? { activityId: data.shift.activityId, shiftId: data.shift.shiftId } : {}),
        ...(attendance ? { attendance } : {}),
        ...(data.pairingId !== undefined ? { pairingId: data.pairingId } : {}),
        ...(data.householdId !== undefined ? { householdId: data.householdId } : {}),
        ...(data.description !== undefined ? { description: data.description } : {}),
      },
    },
  ];
}

/**
 * Hours on a shift stand on the attendance the activity recorded: none without a check-in, and never more than
 * the span from check-in to check-out when there is one. A check-in without a check-out (the volunteer forgot
 * to check out) supports a self-reported figure that staff then verify.
 */
function attendedSpan(
  source: HoursSource,
  attendance: ShiftAttendance | null,
  minutes: number,
): { checkedInAt: string; checkedOutAt: string } | undefined {
  if (attendance === null || (source === 'attendance' && attendance.checkedOutAt === undefined)) {
    throw new DomainError('hours-without-attendance', 'The volunteer has no attendance on this shift to log hours from', 422);
  }
  if (attendance.checkedOutAt === undefined) return undefined;
  const attended = minutesBetween(attendance.checkedInAt, attendance.checkedOutAt);
  if (minutes > attended) {
    throw new DomainError('hours-exceed-attendance', `The shift was attended for ${attended} minutes`, 422, { attendedMinutes: attended });
  }
  return source === 'attendance' ? { checkedInAt: attendance.checkedInAt, checkedOutAt: attendance.checkedOutAt } : undefined;
}

function amendHours(data: AmendHoursData, state: Volunteer, today: IsoDate): VolunteerEvent[] {
  const entry = pendingEntry(state, data.entryId);
  const servedOn = data.servedOn ?? entry.servedOn;
  const minutes = data.minutes ?? entry.minutes;
  if (data.servedOn !== undefined) checkServedOn(state, servedOn, today);
  checkMinutes(minutes, 1);
  const description = data.description ?? entry.description;
  if (servedOn === entry.servedOn && minutes === entry.minutes && data.description === undefined) return [];
  return [
    {
      type: 'volunteering.hours-amended',
      data: { volunteerId: state.volunteerId, entryId: entry.entryId, servedOn, minutes, ...(description !== undefined ? { description } : {}) },
    },
  ];
}

function correctHours(data: CorrectHoursData, state: Volunteer, today: IsoDate): VolunteerEvent[] {
  const entry = disputedEntry(state, data.entryId);
  const servedOn = data.servedOn ?? entry.servedOn;
  if (data.servedOn !== undefined) checkServedOn(state, servedOn, today);
  checkMinutes(data.minutes, 0);
  return [
    {
      type: 'volunteering.hours-corrected',
      data: {
        volunteerId: state.volunteerId,
        entryId: entry.entryId,
        servedOn,
        minutes: data.minutes,
        previousServedOn: entry.servedOn,
        previousMinutes: entry.minutes,
      },
    },
  ];
}

function requireStatus(state: Volunteer, status: VolunteerStatus, code: string, message: string): void {
  if (state.status === 'left') throw new DomainError('volunteer-has-left', 'The volunteer has left the team', 409);
  if (state.status !== status) throw new DomainError(code, message, 409, { status: state.status });
}

function checkDay(state: Volunteer, field: string, date: IsoDate, today: IsoDate): void {
  if (date > today) throw new DomainError('date-in-future', `${field} is in the future`, 422, { field });
  if (date < state.enrolledOn) throw new DomainError('date-before-enrolment', `${field} is before the volunteer enrolled`, 422, { field });
}

function checkServedOn(state: Volunteer, servedOn: IsoDate, today: IsoDate): void {
  checkDay(state, 'servedOn', servedOn, today);
  if (state.leftOn !== undefined && servedOn > state.leftOn) {
    throw new DomainError('hours-after-leaving', 'The volunteer had left the team by then', 422, { field: 'servedOn' });
  }
}

function checkMinutes(minutes: number, least: number): void {
  if (!Number.isInteger(minutes) || minutes < least || minutes > MAX_ENTRY_MINUTES) {
    throw new DomainError('invalid-minutes', `An entry is ${least} to ${MAX_ENTRY_MINUTES} whole minutes`, 422, { field: 'minutes' });
  }
}

function existingEntry(state: Volunteer, entryId: string): HoursEntry {
  const entry = state.entries[entryId];
  if (!entry) throw new DomainError('hours-entry-not-found', `No entry ${entryId} in the volunteer's log`, 404);
  return entry;
}

/** An entry nobody has vouched for yet: the only kind that may still change, or be verified or rejected. */
function pendingEntry(state: Volunteer, entryId: string): HoursEntry {
  const entry = existingEntry(state, entryId);
  switch (entry.status) {
    case 'pending':
      return entry;
    case 'verified':
    case 'disputed':
      throw new DomainError('verified-hours-cannot-be-edited', 'Verified hours are never edited: dispute them and settle with a correction', 409, {
        status: entry.status,
      });
    case 'rejected':
      throw new DomainError('hours-entry-rejected', 'These hours were rejected', 409);
    default:
      return assertNever(entry.status);
  }
}

function disputedEntry(state: Volunteer, entryId: string): HoursEntry {
  const entry = existingEntry(state, entryId);
  if (entry.status !== 'disputed') throw new DomainError('hours-not-disputed', 'These hours are not in dispute', 409, { status: entry.status });
  return entry;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function sameAvailability(a: Availability, b: Availability): boolean {
  return a.length === b.length && a.every((slot, index) => slot.weekday === b[index].weekday && slot.part === b[index].part);
}

function evolve(state: VolunteerState, event: VolunteerEvent): VolunteerState {
  if (event.type === 'volunteering.volunteer-enrolled') {
    const { volunteerId, stationId, residentId, personal, skills, languages, availability, enrolledOn } = event.data;
    return {
      status: 'active',
      volunteerId,
      stationId,
      ...(residentId !== undefined ? { residentId } : {}),
      personal,
      skills,
      languages,
      availability,
      enrolledOn,
      entries: {},
    };
  }
  if (state.status === 'none') return state;
  const entry = (entryId: string, change: Partial<HoursEntry>): VolunteerState => {
    const current = state.entries[entryId];
    return current ? { ...state, entries: { ...state.entries, [entryId]: { ...current, ...change } } } : state;
  };
  switch (event.type) {
    case 'volunteering.volunteer-profile-updated': {
      const { personal, skills, languages, availability } = event.data;
      return {
        ...state,
        ...(personal !== undefined ? { personal } : {}),
        ...(skills !== undefined ? { skills } : {}),
        ...(languages !== undefined ? { languages } : {}),
        ...(availability !== undefined ? { availability } : {}),
      };
    }
    case 'volunteering.volunteer-suspended':
      return { ...state, status: 'suspended', suspendedOn: event.data.suspendedOn, suspensionReason: event.data.reason };
    case 'volunteering.volunteer-reinstated': {
      const { suspendedOn: _on, suspensionReason: _reason, ...rest } = state;
      return { ...rest, status: 'active' };
    }
    case 'volunteering.volunteer-left':
      return { ...state, status: 'left', leftOn: event.data.leftOn };
    case 'volunteering.volunteer-personal-data-erased': {
      const entries = Object.fromEntries(
        Object.entries(state.entries).map(([id, { description: _description, ...kept }]) => [id, kept]),
      );
      return { ...state, status: 'erased', personal: null, entries };
    }
    case 'volunteering.hours-logged': {
      const { entryId, source, servedOn, minutes, activityId, shiftId, pairingId, householdId, description } = event.data;
      const byAttendance = source === 'attendance';
      const logged: HoursEntry = {
        entryId,
        source,
        servedOn,
        minutes,
        status: byAttendance ? 'verified' : 'pending',
        vouchedBy: byAttendance ? 'attendance' : null,
        ...(activityId !== undefined ? { activityId } : {}),
        ...(shiftId !== undefined ? { shiftId } : {}),
        ...(pairingId !== undefined ? { pairingId } : {}),
        ...(householdId !== undefined ? { householdId } : {}),
        ...(description !== undefined ? { description } : {}),
        corrected: false,
      };
      return { ...state, entries: { ...state.entries, [entryId]: logged } };
    }
    case 'volunteering.hours-amended': {
      const { servedOn, minutes, description } = event.data;
      return entry(event.data.entryId, { servedOn, minutes, ...(description !== undefined ? { description } : {}) });
    }
    case 'volunteering.hours-verified':
      return entry(event.data.entryId, { status: 'verified', vouchedBy: 'staff' });
    case 'volunteering.hours-co-signed':
      return entry(event.data.entryId, { status: 'verified', vouchedBy: 'household' });
    case 'volunteering.hours-rejected':
      return entry(event.data.entryId, { status: 'rejected' });
    case 'volunteering.hours-disputed':
      return entry(event.data.entryId, { status: 'disputed' });
    case 'volunteering.hours-corrected':
      return entry(event.data.entryId, { status: 'verified', servedOn: event.data.servedOn, minutes: event.data.minutes, corrected: true });
    case 'volunteering.hours-dispute-dismissed':
      return entry(event.data.entryId, { status: 'verified' });
    default:
      return assertNever(event);
  }
}

/** A year's hours of a volunteer: what counts (verified), what waits for someone to vouch, what is contested. */
export interface YearHours {
  year: number;
  verifiedMinutes: number;
  pendingMinutes: number;
  disputedMinutes: number;
}

/** Yearly totals of the service log, the latest year first. Rejected entries count nothing. */
export function hoursByYear(entries: Record<string, HoursEntry>): YearHours[] {
  const years = new Map<number, YearHours>();
  for (const entry of Object.values(entries)) {
    if (entry.status === 'rejected') continue;
    const year = Number(entry.servedOn.slice(0, 4));
    const totals = years.get(year) ?? { year, verifiedMinutes: 0, pendingMinutes: 0, disputedMinutes: 0 };
    if (entry.status === 'verified') totals.verifiedMinutes += entry.minutes;
    else if (entry.status === 'pending') totals.pendingMinutes += entry.minutes;
    else totals.disputedMinutes += entry.minutes;
    years.set(year, totals);
  }
  return [...years.values()].sort((a, b) => b.year - a.year);
}

/** What a volunteer record certifies for a period: verified service only. */
export interface ServiceSummary {
  verifiedMinutes: number;
  /** Entries of the period still in dispute: a record waits until they are settled. */
  disputedEntries: number;
  shiftsAttended: number;
  pairingVisits: number;
  minutesByActivity: Record<string, number>;
}

export function serviceSummary(entries: Record<string, HoursEntry>, from: IsoDate, to: IsoDate): ServiceSummary {
  const summary: ServiceSummary = { verifiedMinutes: 0, disputedEntries: 0, shiftsAttended: 0, pairingVisits: 0, minutesByActivity: {} };
  for (const entry of Object.values(entries)) {
    if (entry.servedOn < from || entry.servedOn > to) continue;
    if (entry.status === 'disputed') summary.disputedEntries += 1;
    if (entry.status !== 'verified' || entry.minutes === 0) continue;
    summary.verifiedMinutes += entry.minutes;
    if (entry.shiftId !== undefined) summary.shiftsAttended += 1;
    if (entry.source === 'pairing-visit') summary.pairingVisits += 1;
    if (entry.activityId !== undefined) {
      summary.minutesByActivity[entry.activityId] = (summary.minutesByActivity[entry.activityId] ?? 0) + entry.minutes;
    }
  }
  return summary;
}
