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
/** Recorded by the registry right after the holder's move-out, so a later registration is told to use a return. */
export interface RecordHolderMovedOutData {
  idNumberHash: string;
  residentId: string;
  stationId: string;
  movedOutOn: string;
}
/** The returning holder's claim follows them to the station they return to (from the one they moved out of). */
export interface ClaimOnReturnData {
  idNumberHash: string;
  residentId: string;
  fromStationId: string;
  toStationId: string;
}
export interface ReleaseIdNumberData {
  idNumberHash: string;
  residentId: string;
}

export type ClaimIdNumber = Command<'ClaimIdNumber', ClaimIdNumberData>;
export type TransferClaim = Command<'TransferClaim', TransferClaimData>;
export type RecordHolderMovedOut = Command<'RecordHolderMovedOut', RecordHolderMovedOutData>;
export type ClaimOnReturn = Command<'ClaimOnReturn', ClaimOnReturnData>;
export type ReleaseIdNumber = Command<'ReleaseIdNumber', ReleaseIdNumberData>;

export type IdNumberClaimCommand = ClaimIdNumber | TransferClaim | RecordHolderMovedOut | ClaimOnReturn | ReleaseIdNumber;

/** The registry events that live on an ID-number claim stream. */
export type IdNumberClaimEvent = Extract<
  RegistryEvent,
  { type: 'registry.id-number-claimed' | 'registry.id-number-holder-moved-out' | 'registry.id-number-released' }
>;

export type IdNumberClaimState =
  | { status: 'unclaimed' }
  /** `movedOutOn` while the holder is moved out of `stationId`: the person is known, but not living in the district. */
  | { status: 'claimed'; idNumberHash: string; residentId: string; stationId: string; movedOutOn?: string }
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
        if (residentExists !== false && state.movedOutOn !== undefined) {
          throw new DomainError(
            'id-number-holder-moved-out',
            'This person moved out and is already registered; record their return to this station instead of registering them again',
            409,
            { residentId: state.residentId, stationId: state.stationId, movedOutOn: state.movedOutOn, instead: 'return' },
          );
        }
        if (residentExists !== false) {
          throw new DomainError(
            'id-number-already-registered',
            'This ID number is already registered to a resident; transfer them to this station instead (or, if they moved out, record their return)',
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
    case 'RecordHolderMovedOut': {
      const { residentId, stationId, movedOutOn } = command.data;
      // The move-out is already recorded: a claim that moved on since (a correction, a transfer) is left as it is.
      if (state.status !== 'claimed' || state.residentId !== residentId || state.stationId !== stationId) return [];
      if (state.movedOutOn === movedOutOn) return [];
      return [{ type: 'registry.id-number-holder-moved-out', data: { idNumberHash: state.idNumberHash, residentId, stationId, movedOutOn } }];
    }
    case 'ClaimOnReturn': {
      const { residentId, fromStationId, toStationId } = command.data;
      const claim = requireClaimOf(state, residentId);
      // Retried after the claim already followed the return: nothing left to do.
      if (claim.stationId === toStationId && claim.movedOutOn === undefined) return [];
      if (claim.stationId !== fromStationId) {
        throw new DomainError('resident-record-elsewhere', "The resident's current record is at another station; return them from there", 409, {
          residentId,
          stationId: claim.stationId,
        });
      }
      return [{ type: 'registry.id-number-claimed', data: { idNumberHash: claim.idNumberHash, residentId, stationId: toStationId } }];
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
    case 'registry.id-number-holder-moved-out':
      return state.status === 'claimed' ? { ...state, movedOutOn: event.data.movedOutOn } : state;
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
