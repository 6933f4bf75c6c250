import { RegistryEvent } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';

/**
 * The district-wide claim of one national ID number, on the stream `idnumber-<districtId>-<hash>`:
 * one person is registered once in the whole district, whichever station they walk into. Only the
 * keyed hash of the number is ever seen here.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export interface ClaimIdNumberData {
  idNumberHash: string;
  residentId: string;
  stationId: string;
  /**
   * Whether the resident currently holding the claim still has a registry record, as the handler
   * found it. `false` lets a new registration take over a claim left behind by a registration that
   * never completed; when omitted the holder is taken to exist.
   */
  residentExists?: boolean;
}
export interface TransferClaimData {
  idNumberHash: string;
  residentId: string;
  toStationId: string;
}
export interface ReleaseIdNumberData {
  idNumberHash: string;
  residentId: string;
}

export type ClaimIdNumber = Command<'ClaimIdNumber', ClaimIdNumberData>;
export type TransferClaim = Command<'TransferClaim', TransferClaimData>;
export type ReleaseIdNumber = Command<'ReleaseIdNumber', ReleaseIdNumberData>;

export type IdNumberClaimCommand = ClaimIdNumber | TransferClaim | ReleaseIdNumber;

/** The registry events that live on an ID-number claim stream. */
export type IdNumberClaimEvent = Extract<RegistryEvent, { type: 'registry.id-number-claimed' | 'registry.id-number-released' }>;

export type IdNumberClaimState =
  | { status: 'unclaimed' }
  | { status: 'claimed'; idNumberHash: string; residentId: string; stationId: string }
  | { status: 'released'; idNumberHash: string; residentId: string };

type ClaimedState = Extract<IdNumberClaimState, { status: 'claimed' }>;

export const idNumberClaimDecider: Decider<IdNumberClaimCommand, IdNumberClaimState, IdNumberClaimEvent> = {
  initialState: () => ({ status: 'unclaimed' }),
  decide,
  evolve,
};

function decide(command: IdNumberClaimCommand, state: IdNumberClaimState): IdNumberClaimEvent[] {
  switch (command.type) {
    case 'ClaimIdNumber': {
      const { idNumberHash, residentId, stationId, residentExists } = command.data;
      if (state.status === 'claimed') {
        if (state.residentId === residentId) return [];
        if (residentExists !== false) {
          throw new DomainError(
            'id-number-already-registered',
            'This ID number is already registered to a resident; transfer them to this station instead',
            409,
            { residentId: state.residentId, stationId: state.stationId },
          );
        }
      }
      return [{ type: 'registry.id-number-claimed', data: { idNumberHash, residentId, stationId } }];
    }
    case 'TransferClaim': {
      const claim = requireClaimOf(state, command.data.residentId);
      if (claim.stationId === command.data.toStationId) return [];
      return [
        {
          type: 'registry.id-number-claimed',
          data: { idNumberHash: claim.idNumberHash, residentId: claim.residentId, stationId: command.data.toStationId },
        },
      ];
    }
    case 'ReleaseIdNumber': {
      // An erasure must complete even when the claim is already gone or was never recorded.
      if (state.status !== 'claimed') return [];
      const claim = requireClaimOf(state, command.data.residentId);
      return [{ type: 'registry.id-number-released', data: { idNumberHash: claim.idNumberHash, residentId: claim.residentId } }];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: IdNumberClaimState, event: IdNumberClaimEvent): IdNumberClaimState {
  switch (event.type) {
    case 'registry.id-number-claimed':
      return { status: 'claimed', ...event.data };
    case 'registry.id-number-released':
      return { status: 'released', ...event.data };
    default:
      return assertNever(event);
  }
}

function requireClaimOf(state: IdNumberClaimState, residentId: string): ClaimedState {
  if (state.status !== 'claimed') throw new DomainError('id-number-not-claimed', 'No resident holds this ID number', 404);
  if (state.residentId !== residentId) {
    throw new DomainError('id-number-claimed-by-another-resident', 'This ID number is held by another resident', 409, {
      residentId: state.residentId,
      stationId: state.stationId,
    });
  }
  return state;
}
