import { RegistryEvent, ResidentRegisteredData, ResidentReturnedData, ResidentTransferredInData } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';
import { addDays, IsoDate, isIsoDate, stationDate } from '../permit/calendar-date';
import { endorsementWindow, permitEligibleFrom, PermitRecord, permitValidUntil } from '../permit/residence-permit';

/**
 * The resident (居民) aggregate, one stream per resident and station: `resident-<stationId>-<residentId>`.
 * Personal data arrives already encrypted (`personal`) with the keyed hash of the ID number: this
 * decider never sees a name or an ID number in clear.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

type Origin = ResidentRegisteredData['origin'];
type ChildNeedingSchool = ResidentRegisteredData['childrenNeedingSchool'][number];

/** Consent as the edge received it: the decider itself refuses a registration without it. */
export interface ConsentGiven {
  given: boolean;
  recordedAt: string;
  scope: string[];
}

export type RegisterResidentData = Omit<ResidentRegisteredData, 'consent'> & { consent: ConsentGiven };
export interface CorrectResidentDetailsData {
  residentId: string;
  /** The whole personal document re-encrypted, when any personal field changed. */
  personal?: string;
  idNumberHash?: string;
  sex?: ResidentRegisteredData['sex'];
  origin?: Origin;
  occupation?: string;
  childrenNeedingSchool?: ChildNeedingSchool[];
  reason: string;
}
/** `personal` carries the new address inside the new compound. `movedOn` defaults to today. */
export interface MoveWithinStationData {
  residentId: string;
  compound: string;
  personal: string;
  movedOn?: IsoDate;
}
export interface MoveOutData {
  residentId: string;
  movedOutOn: IsoDate;
  reason: string;
}
export interface TransferOutData {
  residentId: string;
  toStationId: string;
  transferredOn?: IsoDate;
}
/** Opens the resident's stream at the receiving station; build it with `transferSnapshot`. */
export type ReceiveTransferData = ResidentTransferredInData;
/** Reopens the resident at a station after a move-out; build it with `returnSnapshot`. */
export type ReturnResidentData = ResidentReturnedData;
/** Mirrors the household's member list on the resident (ADR 0012): issued by the registry, not by staff. */
export interface JoinHouseholdData {
  residentId: string;
  householdId: string;
}
export interface LeaveHouseholdData {
  residentId: string;
  householdId: string;
}
/** Permit dates default to the station's today: staff usually record the step on the day it happens. */
export interface ApplyForResidencePermitData {
  residentId: string;
  appliedOn?: IsoDate;
}
export interface IssueResidencePermitData {
  residentId: string;
  issuedOn?: IsoDate;
}
export interface EndorseResidencePermitData {
  residentId: string;
  endorsedOn?: IsoDate;
}
export interface MarkResidencePermitLapsedData {
  residentId: string;
}
export interface RestoreResidencePermitData {
  residentId: string;
  restoredOn?: IsoDate;
}
export interface ErasePersonalDataData {
  residentId: string;
  requestedBy: string;
  reason: string;
}

export type RegisterResident = Command<'RegisterResident', RegisterResidentData>;
export type CorrectResidentDetails = Command<'CorrectResidentDetails', CorrectResidentDetailsData>;
export type MoveWithinStation = Command<'MoveWithinStation', MoveWithinStationData>;
export type MoveOut = Command<'MoveOut', MoveOutData>;
export type TransferOut = Command<'TransferOut', TransferOutData>;
export type ReceiveTransfer = Command<'ReceiveTransfer', ReceiveTransferData>;
export type ReturnResident = Command<'ReturnResident', ReturnResidentData>;
export type JoinHousehold = Command<'JoinHousehold', JoinHouseholdData>;
export type LeaveHousehold = Command<'LeaveHousehold', LeaveHouseholdData>;
export type ApplyForResidencePermit = Command<'ApplyForResidencePermit', ApplyForResidencePermitData>;
export type IssueResidencePermit = Command<'IssueResidencePermit', IssueResidencePermitData>;
export type EndorseResidencePermit = Command<'EndorseResidencePermit', EndorseResidencePermitData>;
export type MarkResidencePermitLapsed = Command<'MarkResidencePermitLapsed', MarkResidencePermitLapsedData>;
export type RestoreResidencePermit = Command<'RestoreResidencePermit', RestoreResidencePermitData>;
export type ErasePersonalData = Command<'ErasePersonalData', ErasePersonalDataData>;

/** Every command of the resident aggregate; each data carries `residentId` to address the stream. */
export type ResidentCommand =
  | RegisterResident
  | CorrectResidentDetails
  | MoveWithinStation
  | MoveOut
  | TransferOut
  | ReceiveTransfer
  | ReturnResident
  | JoinHousehold
  | LeaveHousehold
  | ApplyForResidencePermit
  | IssueResidencePermit
  | EndorseResidencePermit
  | MarkResidencePermitLapsed
  | RestoreResidencePermit
  | ErasePersonalData;

/** The registry events that live on a resident stream. */
export type ResidentEvent = Extract<
  RegistryEvent,
  {
    type:
      | 'registry.resident-registered'
      | 'registry.resident-details-corrected'
      | 'registry.resident-moved-within-station'
      | 'registry.resident-moved-out'
      | 'registry.resident-transferred-out'
      | 'registry.resident-transferred-in'
      | 'registry.resident-returned'
      | 'registry.resident-joined-household'
      | 'registry.resident-left-household'
      | 'registry.residence-permit-applied'
      | 'registry.residence-permit-issued'
      | 'registry.residence-permit-endorsed'
      | 'registry.residence-permit-lapsed'
      | 'registry.residence-permit-restored'
      | 'registry.resident-personal-data-erased';
  }
>;

/** What the registry knows of a resident at this station. */
export interface ResidentRecord {
  residentId: string;
  stationId: string;
  personal: string;
  idNumberHash: string;
  sex: ResidentRegisteredData['sex'];
  origin: Origin;
  arrivalDate: IsoDate;
  compound: string;
  occupation?: string;
  householdId?: string;
  childrenNeedingSchool: ChildNeedingSchool[];
  consent: ResidentRegisteredData['consent'];
  permit: PermitRecord;
  /** How the resident came to this station; a transfer or a return remembers where from, to recognise a retry. */
  arrivedBy:
    | { kind: 'registration' }
    | { kind: 'transfer'; fromStationId: string; transferredOn: IsoDate }
    | { kind: 'return'; fromStationId: string; movedOutOn: IsoDate };
}

export type ResidentState =
  | { status: 'unregistered' }
  | { status: 'present'; resident: ResidentRecord }
  | { status: 'moved-out'; resident: ResidentRecord; movedOutOn: IsoDate }
  | { status: 'transferred-out'; resident: ResidentRecord; toStationId: string; transferredOn: IsoDate }
  /**
   * The keyed hash stays so a repeated erasure can still release the claim an interrupted one left behind; the
   * household, so the registry can take the erased person off its member list.
   */
  | { status: 'erased'; residentId: string; stationId: string; idNumberHash: string; householdId?: string };

type RegisteredState = Exclude<ResidentState, { status: 'unregistered' } | { status: 'erased' }>;
type PresentState = Extract<ResidentState, { status: 'present' }>;

export const residentDecider: Decider<ResidentCommand, ResidentState, ResidentEvent> = {
  initialState: () => ({ status: 'unregistered' }),
  decide,
  evolve,
};

/**
 * The data of `ReceiveTransfer` for the receiving station, from the sending stream's state after
 * `TransferOut`. The receiving station supplies the new compound (and, when it knows the new
 * address, the re-encrypted personal document); a household belongs to one station, so it is
 * carried only when the receiving station names one.
 */
export function transferSnapshot(
  state: ResidentState,
  arrival: { compound: string; personal?: string; householdId?: string },
): ReceiveTransferData {
  if (state.status !== 'transferred-out') {
    throw new DomainError('resident-not-transferred-out', 'Only a resident transferred out can be received by another station', 409, {
      status: state.status,
    });
  }
  const { resident } = state;
  return definedOnly({
    residentId: resident.residentId,
    stationId: state.toStationId,
    fromStationId: resident.stationId,
    transferredOn: state.transferredOn,
    personal: arrival.personal ?? resident.personal,
    arrivalDate: resident.arrivalDate,
    compound: arrival.compound,
    occupation: resident.occupation,
    householdId: arrival.householdId,
    ...carriedOver(resident),
  });
}

/** What follows a resident to the station they arrive at, whatever the new station says of them. */
function carriedOver(resident: ResidentRecord) {
  return {
    idNumberHash: resident.idNumberHash,
    sex: resident.sex,
    origin: resident.origin,
    childrenNeedingSchool: resident.childrenNeedingSchool,
    consent: resident.consent,
    permit: definedOnly({ ...resident.permit }),
  };
}

/**
 * The data of `ReturnResident` for the station the resident comes back to, from the state of the stream they moved
 * out of (at that station or another). The personal document is re-encrypted with the new address by the caller;
 * a household belongs to one station, so it is carried only when the receiving station names one.
 */
export function returnSnapshot(
  movedOutFrom: ResidentState,
  arrival: { stationId: string; arrivalDate: IsoDate; compound: string; personal: string; occupation?: string; householdId?: string },
): ReturnResidentData {
  if (movedOutFrom.status !== 'moved-out') {
    throw new DomainError('resident-not-moved-out', 'Only a resident who moved out can return; one living in the district is transferred', 409, {
      status: movedOutFrom.status,
      ...(movedOutFrom.status === 'present' ? { stationId: movedOutFrom.resident.stationId } : {}),
      ...(movedOutFrom.status === 'transferred-out' ? { stationId: movedOutFrom.toStationId } : {}),
    });
  }
  const { resident } = movedOutFrom;
  return definedOnly({
    residentId: resident.residentId,
    stationId: arrival.stationId,
    fromStationId: resident.stationId,
    movedOutOn: movedOutFrom.movedOutOn,
    arrivalDate: arrival.arrivalDate,
    personal: arrival.personal,
    compound: arrival.compound,
    occupation: arrival.occupation ?? resident.occupation,
    householdId: arrival.householdId,
    ...carriedOver(resident),
  });
}

function decide(command: ResidentCommand, state: ResidentState): ResidentEvent[] {
  if (state.status === 'erased') {
    // Nothing is left to change on a closed record, and its household is cleaned up from the household's side.
    if (command.type === 'ErasePersonalData' || command.type === 'LeaveHousehold') return [];
    throw new DomainError('resident-erased', "The resident's personal data has been erased; the record is closed", 409, {
      residentId: state.residentId,
    });
  }
  const today = stationDate(command.metadata.now);
  switch (command.type) {
    case 'RegisterResident':
      return register(command.data, state, today);
    case 'CorrectResidentDetails':
      return correctDetails(command.data, state);
    case 'MoveWithinStation':
      return moveWithinStation(command.data, state, today);
    case 'MoveOut':
      return moveOut(command.data, state, today);
    case 'TransferOut':
      return transferOut(command.data, state, today);
    case 'ReceiveTransfer':
      return receiveTransfer(command.data, state);
    case 'ReturnResident':
      return returnResident(command.data, state, today);
    case 'JoinHousehold':
      return joinHousehold(command.data, state);
    case 'LeaveHousehold':
      return leaveHousehold(command.data, state);
    case 'ApplyForResidencePermit':
      return applyForPermit(command.data, state, today);
    case 'IssueResidencePermit':
      return issuePermit(command.data, state, today);
    case 'EndorseResidencePermit':
      return endorsePermit(command.data, state, today);
    case 'MarkResidencePermitLapsed':
      return markPermitLapsed(state, today);
    case 'RestoreResidencePermit':
      return restorePermit(command.data, state, today);
    case 'ErasePersonalData':
      return erase(command.data, state);
    default:
      return assertNever(command);
  }
}

function register(data: RegisterResidentData, state: Exclude<ResidentState, { status: 'erased' }>, today: IsoDate): ResidentEvent[] {
  if (state.status !== 'unregistered') throw alreadyRegistered(state);
  const arrivalDate = arrivedBy(data.arrivalDate, today);
  if (data.consent.given !== true || data.consent.scope.length === 0) {
    throw new DomainError('consent-required', 'A resident is registered only with their recorded consent and its scope', 422);
  }
  const consent = { given: true as const, recordedAt: data.consent.recordedAt, scope: data.consent.scope };
  return [{ type: 'registry.resident-registered', data: definedOnly({ ...data, arrivalDate, consent }) }];
}

function correctDetails(data: CorrectResidentDetailsData, state: Exclude<ResidentState, { status: 'erased' }>): ResidentEvent[] {
  const { resident } = requireRegistered(state);
  if (state.status === 'transferred-out') throw transferredOut(state);
  const reason = requireText(data.reason, 'reason');
  const changes = definedOnly({
    personal: data.personal,
    idNumberHash: data.idNumberHash !== resident.idNumberHash ? data.idNumberHash : undefined,
    sex: data.sex !== resident.sex ? data.sex : undefined,
    origin: data.origin && !sameOrigin(data.origin, resident.origin) ? data.origin : undefined,
    occupation: data.occupation !== resident.occupation ? data.occupation : undefined,
    childrenNeedingSchool:
      data.childrenNeedingSchool && !sameChildren(data.childrenNeedingSchool, resident.childrenNeedingSchool)
        ? data.childrenNeedingSchool
        : undefined,
  });
  if (Object.keys(changes).length === 0) {
    throw new DomainError('correction-changes-nothing', 'The correction does not change any detail of the resident', 422);
  }
  return [{ type: 'registry.resident-details-corrected', data: { residentId: resident.residentId, ...changes, reason } }];
}

function moveWithinStation(data: MoveWithinStationData, state: Exclude<ResidentState, { status: 'erased' }>, today: IsoDate): ResidentEvent[] {
  const { resident } = requirePresent(state);
  const movedOn = pastDate(data.movedOn ?? today, 'movedOn', resident, today);
  return [
    {
      type: 'registry.resident-moved-within-station',
      data: { residentId: resident.residentId, compound: data.compound, personal: data.personal, movedOn },
    },
  ];
}

function moveOut(data: MoveOutData, state: Exclude<ResidentState, { status: 'erased' }>, today: IsoDate): ResidentEvent[] {
  if (state.status === 'moved-out') {
    throw new DomainError('resident-already-moved-out', 'The resident has already moved out', 409, { movedOutOn: state.movedOutOn });
  }
  const { resident } = requirePresent(state);
  const movedOutOn = pastDate(data.movedOutOn, 'movedOutOn', resident, today);
  const reason = requireText(data.reason, 'reason');
  return [{ type: 'registry.resident-moved-out', data: { residentId: resident.residentId, movedOutOn, reason } }];
}

function transferOut(data: TransferOutData, state: Exclude<ResidentState, { status: 'erased' }>, today: IsoDate): ResidentEvent[] {
  // A retry of the same transfer (the handler failed before the receiving side) must go through.
  if (state.status === 'transferred-out' && state.toStationId === data.toStationId) return [];
  const { resident } = requirePresent(state);
  if (data.toStationId === resident.stationId) {
    throw new DomainError('transfer-to-same-station', 'A transfer goes to another station; use a move within the station instead', 422, {
      stationId: resident.stationId,
    });
  }
  const transferredOn = pastDate(data.transferredOn ?? today, 'transferredOn', resident, today);
  return [
    { type: 'registry.resident-transferred-out', data: { residentId: resident.residentId, toStationId: data.toStationId, transferredOn } },
  ];
}

function receiveTransfer(data: ReceiveTransferData, state: Exclude<ResidentState, { status: 'erased' }>): ResidentEvent[] {
  if (state.status === 'present' && isSameTransfer(state.resident, data)) return [];
  // A resident who once left this station (by transfer, or by moving out and returning elsewhere since) may come
  // back by transfer to the same stream.
  if (state.status === 'present') throw alreadyRegistered(state);
  if (data.stationId === data.fromStationId) {
    throw new DomainError('transfer-to-same-station', 'A transfer comes from another station', 422, { stationId: data.stationId });
  }
  const transferredOn = requireDate(data.transferredOn, 'transferredOn');
  return [{ type: 'registry.resident-transferred-in', data: definedOnly({ ...data, transferredOn }) }];
}

function returnResident(data: ReturnResidentData, state: Exclude<ResidentState, { status: 'erased' }>, today: IsoDate): ResidentEvent[] {
  if (state.status === 'present') {
    if (isSameReturn(state.resident, data)) return [];
    throw alreadyRegistered(state);
  }
  const arrivalDate = arrivedBy(data.arrivalDate, today);
  if (arrivalDate < data.movedOutOn) {
    throw new DomainError('return-before-move-out', 'A resident returns on or after the day they moved out', 422, {
      arrivalDate,
      movedOutOn: data.movedOutOn,
    });
  }
  return [{ type: 'registry.resident-returned', data: definedOnly({ ...data, arrivalDate }) }];
}

function joinHousehold(data: JoinHouseholdData, state: Exclude<ResidentState, { status: 'erased' }>): ResidentEvent[] {
  const { resident } = requirePresent(state);
  if (resident.householdId === data.householdId) return [];
  return [{ type: 'registry.resident-joined-household', data: { residentId: resident.residentId, householdId: data.householdId } }];
}

/** A resident who moved or was transferred away still leaves the household they belonged to at this station. */
function leaveHousehold(data: LeaveHouseholdData, state: Exclude<ResidentState, { status: 'erased' }>): ResidentEvent[] {
  const { resident } = requireRegistered(state);
  if (resident.householdId !== data.householdId) return [];
  return [{ type: 'registry.resident-left-household', data: { residentId: resident.residentId, householdId: data.householdId } }];
}

function applyForPermit(data: ApplyForResidencePermitData, state: Exclude<ResidentState, { status: 'erased' }>, today: IsoDate): ResidentEvent[] {
  const { resident } = requirePresent(state);
  const { permit } = resident;
  if (permit.status === 'applied') throw permitConflict('permit-already-applied', 'The resident has already applied for a residence permit', permit);
  if (permit.status === 'issued') throw permitConflict('permit-already-issued', 'The resident already holds a residence permit', permit);
  if (permit.status === 'lapsed') throw permitLapsed(permit);
  const appliedOn = pastDate(data.appliedOn ?? today, 'appliedOn', resident, today);
  const eligibleFrom = permitEligibleFrom(resident.arrivalDate);
  if (appliedOn < eligibleFrom) {
    throw new DomainError('permit-not-yet-eligible', 'A residence permit needs six months of continuous residence', 422, {
      arrivalDate: resident.arrivalDate,
      eligibleFrom,
    });
  }
  return [{ type: 'registry.residence-permit-applied', data: { residentId: resident.residentId, appliedOn } }];
}

function issuePermit(data: IssueResidencePermitData, state: Exclude<ResidentState, { status: 'erased' }>, today: IsoDate): ResidentEvent[] {
  const { resident } = requirePresent(state);
  const { permit } = resident;
  if (permit.status === 'none') throw permitConflict('permit-not-applied', 'A residence permit is issued only after an application', permit);
  if (permit.status === 'issued') throw permitConflict('permit-already-issued', 'The resident already holds a residence permit', permit);
  if (permit.status === 'lapsed') throw permitLapsed(permit);
  const issuedOn = pastDate(data.issuedOn ?? today, 'issuedOn', resident, today);
  if (permit.appliedOn && issuedOn < permit.appliedOn) {
    throw new DomainError('permit-issued-before-application', 'A residence permit cannot be issued before it was applied for', 422, {
      appliedOn: permit.appliedOn,
      issuedOn,
    });
  }
  return [
    { type: 'registry.residence-permit-issued', data: { residentId: resident.residentId, issuedOn, validUntil: permitValidUntil(issuedOn) } },
  ];
}

function endorsePermit(data: EndorseResidencePermitData, state: Exclude<ResidentState, { status: 'erased' }>, today: IsoDate): ResidentEvent[] {
  const { resident } = requirePresent(state);
  const validUntil = requireValidPermit(resident.permit);
  const endorsedOn = pastDate(data.endorsedOn ?? today, 'endorsedOn', resident, today);
  const window = endorsementWindow(validUntil);
  if (endorsedOn < window.opensOn) {
    throw new DomainError('endorsement-window-not-open', 'The annual endorsement opens a month before the anniversary', 422, {
      endorsedOn,
      ...window,
    });
  }
  if (endorsedOn > window.closesOn) {
    throw new DomainError('endorsement-window-closed', 'The permit expired without endorsement; it must be marked lapsed and restored', 422, {
      endorsedOn,
      ...window,
    });
  }
  return [
    {
      type: 'registry.residence-permit-endorsed',
      data: { residentId: resident.residentId, endorsedOn, validUntil: permitValidUntil(validUntil) },
    },
  ];
}

function markPermitLapsed(state: Exclude<ResidentState, { status: 'erased' }>, today: IsoDate): ResidentEvent[] {
  const { resident } = requirePresent(state);
  // A periodic sweep may find the same permit twice.
  if (resident.permit.status === 'lapsed') return [];
  const validUntil = requireValidPermit(resident.permit);
  if (today <= validUntil) {
    throw new DomainError('permit-still-valid', 'The residence permit is still valid', 409, { validUntil, today });
  }
  return [{ type: 'registry.residence-permit-lapsed', data: { residentId: resident.residentId, lapsedOn: addDays(validUntil, 1) } }];
}

function restorePermit(data: RestoreResidencePermitData, state: Exclude<ResidentState, { status: 'erased' }>, today: IsoDate): ResidentEvent[] {
  const { resident } = requirePresent(state);
  const { permit } = resident;
  if (permit.status !== 'lapsed') {
    throw permitConflict('permit-not-lapsed', 'Only a lapsed residence permit can be restored', permit);
  }
  const restoredOn = pastDate(data.restoredOn ?? today, 'restoredOn', resident, today);
  if (permit.validUntil && restoredOn <= permit.validUntil) {
    throw new DomainError('restoration-before-lapse', 'A permit is restored only after it lapsed', 422, {
      restoredOn,
      lapsedOn: addDays(permit.validUntil, 1),
    });
  }
  return [
    {
      type: 'registry.residence-permit-restored',
      data: { residentId: resident.residentId, restoredOn, validUntil: permitValidUntil(restoredOn) },
    },
  ];
}

function erase(data: ErasePersonalDataData, state: Exclude<ResidentState, { status: 'erased' }>): ResidentEvent[] {
  const { resident } = requireRegistered(state);
  const requestedBy = requireText(data.requestedBy, 'requestedBy', 'requester-required');
  const reason = requireText(data.reason, 'reason');
  return [{ type: 'registry.resident-personal-data-erased', data: { residentId: resident.residentId, requestedBy, reason } }];
}

function evolve(state: ResidentState, event: ResidentEvent): ResidentState {
  switch (event.type) {
    case 'registry.resident-registered': {
      const { data } = event;
      return { status: 'present', resident: { ...definedOnly(data), permit: { status: 'none' }, arrivedBy: { kind: 'registration' } } };
    }
    case 'registry.resident-details-corrected': {
      const { residentId: _residentId, reason: _reason, ...changes } = event.data;
      return withResident(state, (resident) => ({ ...resident, ...definedOnly(changes) }));
    }
    case 'registry.resident-moved-within-station':
      return withResident(state, (resident) => ({ ...resident, compound: event.data.compound, personal: event.data.personal }));
    case 'registry.resident-moved-out':
      return 'resident' in state ? { status: 'moved-out', resident: state.resident, movedOutOn: event.data.movedOutOn } : state;
    case 'registry.resident-transferred-out':
      return 'resident' in state
        ? { status: 'transferred-out', resident: state.resident, toStationId: event.data.toStationId, transferredOn: event.data.transferredOn }
        : state;
    case 'registry.resident-transferred-in': {
      const { fromStationId, transferredOn, permit, ...carried } = event.data;
      return {
        status: 'present',
        resident: { ...definedOnly(carried), permit: definedOnly({ ...permit }), arrivedBy: { kind: 'transfer', fromStationId, transferredOn } },
      };
    }
    case 'registry.resident-returned': {
      const { fromStationId, movedOutOn, permit, ...carried } = event.data;
      return {
        status: 'present',
        resident: { ...definedOnly(carried), permit: definedOnly({ ...permit }), arrivedBy: { kind: 'return', fromStationId, movedOutOn } },
      };
    }
    case 'registry.resident-joined-household':
      return withResident(state, (resident) => ({ ...resident, householdId: event.data.householdId }));
    case 'registry.resident-left-household':
      return withResident(state, ({ householdId: _left, ...resident }) => resident);
    case 'registry.residence-permit-applied':
      return withPermit(state, () => ({ status: 'applied', appliedOn: event.data.appliedOn }));
    case 'registry.residence-permit-issued':
      return withPermit(state, (permit) => ({ ...permit, status: 'issued', issuedOn: event.data.issuedOn, validUntil: event.data.validUntil }));
    case 'registry.residence-permit-endorsed':
      return withPermit(state, (permit) => ({ ...permit, validUntil: event.data.validUntil }));
    case 'registry.residence-permit-lapsed':
      return withPermit(state, (permit) => ({ ...permit, status: 'lapsed' }));
    case 'registry.residence-permit-restored':
      return withPermit(state, (permit) => ({ ...permit, status: 'issued', validUntil: event.data.validUntil }));
    case 'registry.resident-personal-data-erased':
      return 'resident' in state
        ? definedOnly({
            status: 'erased' as const,
            residentId: event.data.residentId,
            stationId: state.resident.stationId,
            idNumberHash: state.resident.idNumberHash,
            householdId: state.resident.householdId,
          })
        : state;
    default:
      return assertNever(event);
  }
}

function withResident(state: ResidentState, change: (resident: ResidentRecord) => ResidentRecord): ResidentState {
  return 'resident' in state ? { ...state, resident: change(state.resident) } : state;
}

function withPermit(state: ResidentState, change: (permit: PermitRecord) => PermitRecord): ResidentState {
  return withResident(state, (resident) => ({ ...resident, permit: change(resident.permit) }));
}

function requireRegistered(state: Exclude<ResidentState, { status: 'erased' }>): RegisteredState {
  if (state.status === 'unregistered') throw new DomainError('resident-not-found', 'No resident is registered on this stream', 404);
  return state;
}

function requirePresent(state: Exclude<ResidentState, { status: 'erased' }>): PresentState {
  const registered = requireRegistered(state);
  switch (registered.status) {
    case 'present':
      return registered;
    case 'moved-out':
      throw new DomainError('resident-moved-out', 'The resident has moved out of the station', 409, { movedOutOn: registered.movedOutOn });
    case 'transferred-out':
      throw transferredOut(registered);
    default:
      return assertNever(registered);
  }
}

function transferredOut(state: Extract<ResidentState, { status: 'transferred-out' }>): DomainError {
  return new DomainError('resident-transferred-out', 'The resident has been transferred to another station; their record lives there now', 409, {
    toStationId: state.toStationId,
    transferredOn: state.transferredOn,
  });
}

function alreadyRegistered(state: RegisteredState): DomainError {
  return new DomainError('resident-already-registered', 'This resident is already registered at the station', 409, {
    residentId: state.resident.residentId,
    stationId: state.resident.stationId,
    status: state.status,
  });
}

function permitConflict(code: string, message: string, permit: PermitRecord): DomainError {
  return new DomainError(code, message, 409, { permit });
}

function permitLapsed(permit: PermitRecord): DomainError {
  return permitConflict('permit-lapsed', 'The residence permit has lapsed; restore it instead', permit);
}

/** The validity end of a permit in force, or the reason there is none. */
function requireValidPermit(permit: PermitRecord): IsoDate {
  if (permit.status === 'lapsed') throw permitLapsed(permit);
  if (permit.status !== 'issued' || !permit.validUntil) {
    throw permitConflict('permit-not-issued', 'The resident holds no residence permit', permit);
  }
  return permit.validUntil;
}

function isSameTransfer(resident: ResidentRecord, data: ReceiveTransferData): boolean {
  return (
    resident.arrivedBy.kind === 'transfer' &&
    resident.arrivedBy.fromStationId === data.fromStationId &&
    resident.arrivedBy.transferredOn === data.transferredOn
  );
}

function isSameReturn(resident: ResidentRecord, data: ReturnResidentData): boolean {
  return (
    resident.arrivedBy.kind === 'return' &&
    resident.arrivedBy.fromStationId === data.fromStationId &&
    resident.arrivedBy.movedOutOn === data.movedOutOn &&
    resident.arrivalDate === data.arrivalDate
  );
}

/** An arrival is recorded on or after the day it happens, never ahead of it. */
function arrivedBy(value: string, today: IsoDate): IsoDate {
  const arrivalDate = requireDate(value, 'arrivalDate');
  if (arrivalDate > today) {
    throw new DomainError('arrival-date-in-future', 'A resident is recorded on or after the day they arrive', 422, { arrivalDate, today });
  }
  return arrivalDate;
}

function requireDate(value: string, field: string): IsoDate {
  if (!isIsoDate(value)) throw new DomainError('invalid-date', `${field} must be a calendar date as YYYY-MM-DD`, 422, { field, value });
  return value;
}

/** A date of something that already happened at this station: not in the future, not before arrival. */
function pastDate(value: string, field: string, resident: ResidentRecord, today: IsoDate): IsoDate {
  const date = requireDate(value, field);
  if (date > today) throw new DomainError('date-in-future', `${field} cannot be in the future`, 422, { field, date, today });
  if (date < resident.arrivalDate) {
    throw new DomainError('date-before-arrival', `${field} cannot be before the resident arrived`, 422, {
      field,
      date,
      arrivalDate: resident.arrivalDate,
    });
  }
  return date;
}

function requireText(value: string, field: string, code = 'reason-required'): string {
  const text = value.trim();
  if (text === '') throw new DomainError(code, `${field} must be given`, 422, { field });
  return text;
}

function sameOrigin(a: Origin, b: Origin): boolean {
  return a.province === b.province && a.city === b.city;
}

function sameChildren(a: readonly ChildNeedingSchool[], b: readonly ChildNeedingSchool[]): boolean {
  return a.length === b.length && a.every((child, i) => child.birthYear === b[i].birthYear && child.schoolLevel === b[i].schoolLevel);
}

/** Drops keys whose value is undefined, so events and state hold only what was said. */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
