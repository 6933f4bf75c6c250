import { BENEFICIARY_CATEGORIES, PAIRING_END_REASONS, VISIT_KINDS, VolunteeringEvent } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';
import { daysBetween, IsoDate, stationDate } from '../shared/station-time';
import { MAX_ENTRY_MINUTES, requireActiveVolunteer, VolunteerStanding } from '../volunteer/volunteer.decider';

/**
 * A pairing (结对帮扶) of a volunteer with a vulnerable household, one stream per pairing:
 * `pairing-<stationId>-<pairingId>`. It keeps the visits, so a pairing that goes quiet can be noticed.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** A pairing nobody visited for two weeks is overdue, unless the coordinator sets another interval. */
export const DEFAULT_ALERT_AFTER_DAYS = 14;
export const MAX_ALERT_AFTER_DAYS = 365;

export interface StartPairingData {
  pairingId: string;
  stationId: string;
  volunteerId: string;
  volunteer: VolunteerStanding;
  householdId: string;
  beneficiaryResidentId: string;
  category: (typeof BENEFICIARY_CATEGORIES)[number];
  needs?: string;
  alertAfterDays?: number;
  startedOn?: IsoDate;
}
export interface RecordVisitData {
  pairingId: string;
  visitId: string;
  visitedOn?: IsoDate;
  minutes: number;
  kind: (typeof VISIT_KINDS)[number];
  note?: string;
}
export interface SetVisitAlertData {
  pairingId: string;
  alertAfterDays: number;
}
export interface EndPairingData {
  pairingId: string;
  reason: (typeof PAIRING_END_REASONS)[number];
  endedOn?: IsoDate;
}
export interface EraseBeneficiaryDataData {
  pairingId: string;
}

export type PairingCommand =
  | Command<'StartPairing', StartPairingData>
  | Command<'RecordVisit', RecordVisitData>
  | Command<'SetVisitAlert', SetVisitAlertData>
  | Command<'EndPairing', EndPairingData>
  | Command<'EraseBeneficiaryData', EraseBeneficiaryDataData>;

export type PairingEvent = Extract<
  VolunteeringEvent,
  {
    type:
      | 'volunteering.pairing-started'
      | 'volunteering.pairing-visit-recorded'
      | 'volunteering.pairing-visit-alert-set'
      | 'volunteering.pairing-ended'
      | 'volunteering.pairing-beneficiary-erased';
  }
>;

export interface Visit {
  visitId: string;
  visitedOn: IsoDate;
  minutes: number;
  kind: RecordVisitData['kind'];
  note?: string;
}

export interface Pairing {
  status: 'active' | 'ended';
  pairingId: string;
  stationId: string;
  volunteerId: string;
  householdId: string;
  beneficiaryResidentId: string;
  category: StartPairingData['category'];
  /** Null when none were recorded, or once the beneficiary was erased. */
  needs: string | null;
  alertAfterDays: number;
  startedOn: IsoDate;
  endedOn?: IsoDate;
  endReason?: EndPairingData['reason'];
  lastVisitOn: IsoDate | null;
  visits: Record<string, Visit>;
  beneficiaryErased: boolean;
}

export type PairingState = { status: 'none' } | Pairing;

export const pairingDecider: Decider<PairingCommand, PairingState, PairingEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function decide(command: PairingCommand, state: PairingState): PairingEvent[] {
  const today = stationDate(command.metadata.now);
  if (command.type === 'StartPairing') return start(command.data, state, today);
  if (command.type === 'EraseBeneficiaryData') {
    if (state.status === 'none' || state.beneficiaryErased) return [];
    return [{ type: 'volunteering.pairing-beneficiary-erased', data: { pairingId: state.pairingId, beneficiaryResidentId: state.beneficiaryResidentId } }];
  }
  if (state.status === 'none') throw new DomainError('pairing-not-found', `No pairing ${command.data.pairingId} at this station`, 404);
  if (state.status === 'ended') throw new DomainError('pairing-ended', 'The pairing has ended', 409, { endedOn: state.endedOn });
  const { pairingId } = state;
  switch (command.type) {
    case 'RecordVisit': {
      const { visitId, minutes, kind, note } = command.data;
      const visitedOn = command.data.visitedOn ?? today;
      if (state.visits[visitId]) throw new DomainError('visit-already-recorded', `Visit ${visitId} is already recorded`, 409);
      checkDate('visitedOn', visitedOn, state, today);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_ENTRY_MINUTES) {
        throw new DomainError('invalid-minutes', `A visit lasts 1 to ${MAX_ENTRY_MINUTES} whole minutes`, 422, { field: 'minutes' });
      }
      if (note !== undefined && state.beneficiaryErased) {
        throw new DomainError('beneficiary-erased', "The beneficiary's personal data was erased: no notes about them are kept", 409);
      }
      const { volunteerId, householdId } = state;
      return [
        {
          type: 'volunteering.pairing-visit-recorded',
          data: { pairingId, visitId, volunteerId, householdId, visitedOn, minutes, kind, ...(note !== undefined ? { note } : {}) },
        },
      ];
    }
    case 'SetVisitAlert': {
      const alertAfterDays = checkAlert(command.data.alertAfterDays);
      if (alertAfterDays === state.alertAfterDays) return [];
      return [{ type: 'volunteering.pairing-visit-alert-set', data: { pairingId, alertAfterDays } }];
    }
    case 'EndPairing': {
      const endedOn = command.data.endedOn ?? today;
      checkDate('endedOn', endedOn, state, today);
      return [{ type: 'volunteering.pairing-ended', data: { pairingId, endedOn, reason: command.data.reason } }];
    }
    default:
      return assertNever(command);
  }
}

function start(data: StartPairingData, state: PairingState, today: IsoDate): PairingEvent[] {
  if (state.status !== 'none') throw new DomainError('pairing-already-started', 'The pairing already exists', 409);
  requireActiveVolunteer(data.volunteer);
  const startedOn = data.startedOn ?? today;
  if (startedOn > today) throw new DomainError('date-in-future', 'startedOn is in the future', 422, { field: 'startedOn' });
  const { pairingId, stationId, volunteerId, householdId, beneficiaryResidentId, category, needs } = data;
  return [
    {
      type: 'volunteering.pairing-started',
      data: {
        pairingId,
        stationId,
        volunteerId,
        householdId,
        beneficiaryResidentId,
        category,
        ...(needs !== undefined ? { needs } : {}),
        alertAfterDays: checkAlert(data.alertAfterDays ?? DEFAULT_ALERT_AFTER_DAYS),
        startedOn,
      },
    },
  ];
}

function checkAlert(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_ALERT_AFTER_DAYS) {
    throw new DomainError('invalid-visit-alert', `A visit alert is set 1 to ${MAX_ALERT_AFTER_DAYS} days after the last visit`, 422, {
      field: 'alertAfterDays',
    });
  }
  return days;
}

function checkDate(field: string, date: IsoDate, state: Pairing, today: IsoDate): void {
  if (date > today) throw new DomainError('date-in-future', `${field} is in the future`, 422, { field });
  if (date < state.startedOn) throw new DomainError('date-before-pairing', `${field} is before the pairing started`, 422, { field });
}

function evolve(state: PairingState, event: PairingEvent): PairingState {
  if (event.type === 'volunteering.pairing-started') {
    const { needs, ...started } = event.data;
    return { status: 'active', ...started, needs: needs ?? null, lastVisitOn: null, visits: {}, beneficiaryErased: false };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'volunteering.pairing-visit-recorded': {
      const { visitId, visitedOn, minutes, kind, note } = event.data;
      const lastVisitOn = state.lastVisitOn === null || visitedOn > state.lastVisitOn ? visitedOn : state.lastVisitOn;
      const visit: Visit = { visitId, visitedOn, minutes, kind, ...(note !== undefined ? { note } : {}) };
      return { ...state, lastVisitOn, visits: { ...state.visits, [visitId]: visit } };
    }
    case 'volunteering.pairing-visit-alert-set':
      return { ...state, alertAfterDays: event.data.alertAfterDays };
    case 'volunteering.pairing-ended':
      return { ...state, status: 'ended', endedOn: event.data.endedOn, endReason: event.data.reason };
    case 'volunteering.pairing-beneficiary-erased': {
      const visits = Object.fromEntries(Object.entries(state.visits).map(([id, { note: _note, ...visit }]) => [id, visit]));
      return { ...state, needs: null, visits, beneficiaryErased: true };
    }
    default:
      return assertNever(event);
  }
}

/** Continuity of an active pairing on a day: days since the last visit (or the start), and whether that is too long. */
export function continuityOn(pairing: Pairing, today: IsoDate): { daysWithoutVisit: number; overdue: boolean } {
  const daysWithoutVisit = daysBetween(pairing.lastVisitOn ?? pairing.startedOn, today);
  return { daysWithoutVisit, overdue: pairing.status === 'active' && daysWithoutVisit > pairing.alertAfterDays };
}
