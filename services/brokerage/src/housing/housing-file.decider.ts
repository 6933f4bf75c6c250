import { BrokerageEvent, HousingRequestedData, VIEWING_OUTCOMES } from '@kinship/contracts';
import { assertNever, Decider, DomainError } from '@kinship/eventsourcing';
import { IsoDate } from '../domain/calendar';
import { Command, definedOnly, pastDate, requireDate, requireFen, requireText, todayOf } from '../domain/rules';

/**
 * A resident's housing file (求租档案) at a station: their housing requests, one open at a time, and the viewings
 * arranged for it. Stream `housing-<stationId>-<residentId>`, so a resident's erasure finds everything here.
 */

export interface HousingNeeds {
  budgetFen: number;
  householdSize: number;
  workArea: string;
  moveInBy?: IsoDate;
}
export type ViewingOutcome = (typeof VIEWING_OUTCOMES)[number];

export type OpenHousingRequest = Command<'OpenHousingRequest', Omit<HousingRequestedData, 'requestedOn'>>;
export type ReviseHousingRequest = Command<'ReviseHousingRequest', HousingNeeds & { requestId: string; residentId: string }>;
export type ScheduleViewing = Command<
  'ScheduleViewing',
  { requestId: string; residentId: string; viewingId: string; listingId: string; scheduledAt: string }
>;
export type RecordViewingOutcome = Command<
  'RecordViewingOutcome',
  { requestId: string; residentId: string; viewingId: string; outcome: ViewingOutcome }
>;
export type CloseHousingRequest = Command<
  'CloseHousingRequest',
  { requestId: string; residentId: string; outcome: 'housed' | 'withdrawn'; leaseId?: string; closedOn?: IsoDate }
>;
export type EraseHousingFile = Command<'EraseHousingFile', { residentId: string }>;

export type HousingFileCommand =
  | OpenHousingRequest
  | ReviseHousingRequest
  | ScheduleViewing
  | RecordViewingOutcome
  | CloseHousingRequest
  | EraseHousingFile;

export type HousingFileEvent = Extract<
  BrokerageEvent,
  {
    type:
      | 'brokerage.housing-requested'
      | 'brokerage.housing-request-revised'
      | 'brokerage.viewing-scheduled'
      | 'brokerage.viewing-outcome-recorded'
      | 'brokerage.housing-request-closed'
      | 'brokerage.housing-file-erased';
  }
>;

export interface Viewing {
  listingId: string;
  scheduledAt: string;
  outcome: ViewingOutcome | null;
}

export interface OpenRequest extends HousingNeeds {
  requestId: string;
  requestedOn: IsoDate;
  viewings: Record<string, Viewing>;
}

export interface HousingFileState {
  status: 'empty' | 'open' | 'idle' | 'erased';
  residentId: string | null;
  request: OpenRequest | null;
  /** Requests closed so far, with the lease that housed the resident, to recognise a repeated closing. */
  closed: Record<string, { outcome: 'housed' | 'withdrawn'; leaseId: string | null }>;
}

export const housingFileDecider: Decider<HousingFileCommand, HousingFileState, HousingFileEvent> = {
  initialState: () => ({ status: 'empty', residentId: null, request: null, closed: {} }),
  decide,
  evolve,
};

const MAX_HOUSEHOLD = 20;

function decide(command: HousingFileCommand, state: HousingFileState): HousingFileEvent[] {
  const today = todayOf(command.metadata);
  if (command.type === 'EraseHousingFile') {
    return state.status === 'erased' ? [] : [{ type: 'brokerage.housing-file-erased', data: { residentId: command.data.residentId } }];
  }
  if (state.status === 'erased') {
    throw new DomainError('resident-erased', "The resident's personal data has been erased; their housing file is closed", 409);
  }
  switch (command.type) {
    case 'OpenHousingRequest': {
      if (state.request) {
        throw new DomainError('housing-request-already-open', 'The resident already has an open housing request', 409, {
          requestId: state.request.requestId,
        });
      }
      const needs = checkNeeds(command.data, today);
      return [{ type: 'brokerage.housing-requested', data: definedOnly({ ...command.data, ...needs, requestedOn: today }) }];
    }
    case 'ReviseHousingRequest': {
      const request = requireOpen(state, command.data.requestId);
      const needs = checkNeeds(command.data, today);
      if (sameNeeds(needs, request)) throw new DomainError('housing-request-unchanged', 'The request already says this', 422);
      return [{ type: 'brokerage.housing-request-revised', data: definedOnly({ requestId: request.requestId, residentId: command.data.residentId, ...needs }) }];
    }
    case 'ScheduleViewing':
      return scheduleViewing(command.data, requireOpen(state, command.data.requestId));
    case 'RecordViewingOutcome': {
      const request = requireOpen(state, command.data.requestId);
      const viewing = request.viewings[command.data.viewingId];
      if (!viewing) throw new DomainError('viewing-not-found', 'No such viewing on this request', 404, { viewingId: command.data.viewingId });
      if (viewing.outcome !== null) {
        throw new DomainError('viewing-outcome-already-recorded', 'The outcome of this viewing is already recorded', 409, { outcome: viewing.outcome });
      }
      return [{ type: 'brokerage.viewing-outcome-recorded', data: { ...command.data, recordedOn: today } }];
    }
    case 'CloseHousingRequest':
      return close(command.data, state, today);
    default:
      return assertNever(command);
  }
}

function checkNeeds(needs: HousingNeeds, today: IsoDate): HousingNeeds {
  requireFen(needs.budgetFen, 'budgetFen');
  if (!Number.isInteger(needs.householdSize) || needs.householdSize < 1 || needs.householdSize > MAX_HOUSEHOLD) {
    throw new DomainError('invalid-household-size', `A household has 1 to ${MAX_HOUSEHOLD} people`, 422, { householdSize: needs.householdSize });
  }
  const workArea = requireText(needs.workArea, 'workArea');
  if (needs.moveInBy !== undefined && requireDate(needs.moveInBy, 'moveInBy') < today) {
    throw new DomainError('move-in-date-passed', 'moveInBy cannot be in the past', 422, { moveInBy: needs.moveInBy, today });
  }
  return definedOnly({ budgetFen: needs.budgetFen, householdSize: needs.householdSize, workArea, moveInBy: needs.moveInBy });
}

function sameNeeds(a: HousingNeeds, b: HousingNeeds): boolean {
  return a.budgetFen === b.budgetFen && a.householdSize === b.householdSize && a.workArea === b.workArea && a.moveInBy === b.moveInBy;
}

function scheduleViewing(data: ScheduleViewing['data'], request: OpenRequest): HousingFileEvent[] {
  if (request.viewings[data.viewingId]) {
    throw new DomainError('viewing-already-exists', 'A viewing with this id already exists', 409, { viewingId: data.viewingId });
  }
  if (Number.isNaN(Date.parse(data.scheduledAt))) {
    throw new DomainError('invalid-instant', 'scheduledAt must be an ISO-8601 instant', 422, { field: 'scheduledAt' });
  }
  const pending = Object.values(request.viewings).find((v) => v.listingId === data.listingId && v.outcome === null);
  if (pending) {
    throw new DomainError('viewing-already-scheduled', 'A viewing of this listing is already scheduled for the request', 409, {
      listingId: data.listingId,
      scheduledAt: pending.scheduledAt,
    });
  }
  return [{ type: 'brokerage.viewing-scheduled', data }];
}

function close(data: CloseHousingRequest['data'], state: HousingFileState, today: IsoDate): HousingFileEvent[] {
  const earlier = state.closed[data.requestId];
  // Signing a lease closes the request; the same signing retried finds it closed by the same lease.
  if (earlier && earlier.outcome === data.outcome && (earlier.leaseId ?? undefined) === data.leaseId) return [];
  const request = requireOpen(state, data.requestId);
  if (data.outcome === 'housed' && !data.leaseId) {
    throw new DomainError('lease-required', 'A request is closed as housed by the lease that housed the resident', 422);
  }
  const closedOn = pastDate(data.closedOn, 'closedOn', today);
  return [
    {
      type: 'brokerage.housing-request-closed',
      data: definedOnly({ requestId: request.requestId, residentId: data.residentId, outcome: data.outcome, leaseId: data.leaseId, closedOn }),
    },
  ];
}

function requireOpen(state: HousingFileState, requestId: string): OpenRequest {
  if (state.closed[requestId]) {
    throw new DomainError('housing-request-closed', 'The housing request is closed', 409, { requestId, ...state.closed[requestId] });
  }
  if (!state.request || state.request.requestId !== requestId) {
    throw new DomainError('housing-request-not-found', 'No such housing request for this resident', 404, { requestId });
  }
  return state.request;
}

function evolve(state: HousingFileState, event: HousingFileEvent): HousingFileState {
  switch (event.type) {
    case 'brokerage.housing-requested': {
      const { requestId, residentId, budgetFen, householdSize, workArea, moveInBy, requestedOn } = event.data;
      return {
        ...state,
        status: 'open',
        residentId,
        request: definedOnly({ requestId, budgetFen, householdSize, workArea, moveInBy, requestedOn, viewings: {} }),
      };
    }
    case 'brokerage.housing-request-revised': {
      if (!state.request) return state;
      const { budgetFen, householdSize, workArea, moveInBy } = event.data;
      const { moveInBy: _previous, ...rest } = state.request;
      return { ...state, request: definedOnly({ ...rest, budgetFen, householdSize, workArea, moveInBy }) };
    }
    case 'brokerage.viewing-scheduled': {
      if (!state.request) return state;
      const viewing: Viewing = { listingId: event.data.listingId, scheduledAt: event.data.scheduledAt, outcome: null };
      return { ...state, request: { ...state.request, viewings: { ...state.request.viewings, [event.data.viewingId]: viewing } } };
    }
    case 'brokerage.viewing-outcome-recorded': {
      const viewing = state.request?.viewings[event.data.viewingId];
      if (!state.request || !viewing) return state;
      const recorded = { ...viewing, outcome: event.data.outcome };
      return { ...state, request: { ...state.request, viewings: { ...state.request.viewings, [event.data.viewingId]: recorded } } };
    }
    case 'brokerage.housing-request-closed':
      return {
        ...state,
        status: 'idle',
        request: null,
        closed: { ...state.closed, [event.data.requestId]: { outcome: event.data.outcome, leaseId: event.data.leaseId ?? null } },
      };
    case 'brokerage.housing-file-erased':
      return { ...state, status: 'erased', residentId: event.data.residentId, request: null };
    default:
      return assertNever(event);
  }
}
