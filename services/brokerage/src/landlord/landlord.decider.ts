import { BrokerageEvent } from '@kinship/contracts';
import { assertNever, Decider, DomainError } from '@kinship/eventsourcing';
import { Command, requireText } from '../domain/rules';

/**
 * A landlord (房东) known to the station: a person of their own, whose contact is encrypted under their own key
 * before it reaches this decider. Stream `landlord-<stationId>-<landlordId>`.
 */

export type RegisterLandlord = Command<'RegisterLandlord', { landlordId: string; stationId: string; contact: string }>;
export type ChangeLandlordContact = Command<'ChangeLandlordContact', { landlordId: string; contact: string }>;
export type EraseLandlordPersonalData = Command<'EraseLandlordPersonalData', { landlordId: string; requestedBy: string; reason: string }>;
export type LandlordCommand = RegisterLandlord | ChangeLandlordContact | EraseLandlordPersonalData;

export type LandlordEvent = Extract<
  BrokerageEvent,
  { type: 'brokerage.landlord-registered' | 'brokerage.landlord-contact-changed' | 'brokerage.landlord-personal-data-erased' }
>;

export type LandlordState =
  | { status: 'unknown' }
  | { status: 'registered'; landlordId: string; stationId: string }
  | { status: 'erased'; landlordId: string; stationId: string };

export const landlordDecider: Decider<LandlordCommand, LandlordState, LandlordEvent> = {
  initialState: () => ({ status: 'unknown' }),
  decide,
  evolve,
};

function decide(command: LandlordCommand, state: LandlordState): LandlordEvent[] {
  switch (command.type) {
    case 'RegisterLandlord': {
      if (state.status !== 'unknown') {
        throw new DomainError('landlord-already-registered', 'This landlord is already registered at the station', 409, {
          landlordId: state.landlordId,
        });
      }
      return [{ type: 'brokerage.landlord-registered', data: command.data }];
    }
    case 'ChangeLandlordContact':
      requireRegistered(state);
      return [{ type: 'brokerage.landlord-contact-changed', data: command.data }];
    case 'EraseLandlordPersonalData': {
      // A repeated request finishes what an interrupted one left undone (the key) and writes nothing more.
      if (state.status === 'erased') return [];
      requireRegistered(state);
      const requestedBy = requireText(command.data.requestedBy, 'requestedBy', 'requester-required');
      const reason = requireText(command.data.reason, 'reason', 'reason-required');
      return [{ type: 'brokerage.landlord-personal-data-erased', data: { landlordId: command.data.landlordId, requestedBy, reason } }];
    }
    default:
      return assertNever(command);
  }
}

function requireRegistered(state: LandlordState): void {
  if (state.status === 'unknown') throw new DomainError('landlord-not-found', 'No landlord with this id at the station', 404);
  if (state.status === 'erased') {
    throw new DomainError('landlord-erased', "The landlord's personal data has been erased; the record is closed", 409);
  }
}

function evolve(state: LandlordState, event: LandlordEvent): LandlordState {
  switch (event.type) {
    case 'brokerage.landlord-registered':
      return { status: 'registered', landlordId: event.data.landlordId, stationId: event.data.stationId };
    case 'brokerage.landlord-contact-changed':
      return state;
    case 'brokerage.landlord-personal-data-erased':
      return state.status === 'unknown' ? state : { status: 'erased', landlordId: state.landlordId, stationId: state.stationId };
    default:
      return assertNever(event);
  }
}
