import { deciderSpec } from '@kinship/testing';
import { metadata, specOptions, STATION, TODAY } from '../testing/decider-fixtures';
import { HousingFileCommand, housingFileDecider, HousingFileEvent } from './housing-file.decider';

const spec = deciderSpec(housingFileDecider, specOptions);
const residentId = 'resident-1';
const requestId = 'request-1';
const needs = { budgetFen: 150_000, householdSize: 3, workArea: '广瑞路工业园' };
const requested: HousingFileEvent = {
  type: 'brokerage.housing-requested',
  data: { requestId, residentId, stationId: STATION, ...needs, notes: 'v1.notes', requestedOn: '2026-05-01' },
};
const viewing: HousingFileEvent = {
  type: 'brokerage.viewing-scheduled',
  data: { requestId, residentId, viewingId: 'viewing-1', listingId: 'listing-1', scheduledAt: '2026-05-21T02:00:00.000Z' },
};
const housed: HousingFileEvent = {
  type: 'brokerage.housing-request-closed',
  data: { requestId, residentId, outcome: 'housed', leaseId: 'lease-1', closedOn: TODAY },
};
const erased: HousingFileEvent = { type: 'brokerage.housing-file-erased', data: { residentId } };

const command = <T extends HousingFileCommand['type']>(type: T, data: Omit<Extract<HousingFileCommand, { type: T }>['data'], 'residentId'>) =>
  ({ type, data: { residentId, ...data }, metadata: metadata() }) as unknown as Extract<HousingFileCommand, { type: T }>;
const open = (overrides: Partial<typeof needs & { moveInBy: string }> = {}) =>
  command('OpenHousingRequest', { requestId, stationId: STATION, ...needs, notes: 'v1.notes', ...overrides });

describe('a housing file', () => {
  describe('when a request is opened', () => {
    it('records what the household needs, today', () => {
      spec.given([]).when(open()).then([{ ...requested, data: { ...requested.data, requestedOn: TODAY } }]);
    });

    it('opens a new request once the last one is closed', () => {
      spec
        .given([requested, housed])
        .when(command('OpenHousingRequest', { requestId: 'request-2', stationId: STATION, ...needs }))
        .then([{ type: 'brokerage.housing-requested', data: { requestId: 'request-2', residentId, stationId: STATION, ...needs, requestedOn: TODAY } }]);
    });

    it('rejects a second open request', () => {
      spec.given([requested]).when(open()).thenRejects('housing-request-already-open', { status: 409, details: { requestId } });
    });

    it('rejects a household of nobody, no budget, no work area and a move-in day passed', () => {
      spec.given([]).when(open({ householdSize: 0 })).thenRejects('invalid-household-size');
      spec.given([]).when(open({ budgetFen: 0 })).thenRejects('invalid-amount');
      spec.given([]).when(open({ workArea: ' ' })).thenRejects('workArea-required');
      spec.given([]).when(open({ moveInBy: '2026-05-19' })).thenRejects('move-in-date-passed');
    });

    it('rejects a resident whose file was erased', () => {
      spec.given([erased]).when(open()).thenRejects('resident-erased', { status: 409 });
    });
  });

  describe('when the request is revised', () => {
    it('records the new needs', () => {
      spec
        .given([requested])
        .when(command('ReviseHousingRequest', { requestId, ...needs, budgetFen: 180_000, moveInBy: '2026-06-01' }))
        .then([{ type: 'brokerage.housing-request-revised', data: { requestId, residentId, ...needs, budgetFen: 180_000, moveInBy: '2026-06-01' } }]);
    });

    it('rejects a revision that changes nothing, an unknown and a closed request', () => {
      spec.given([requested]).when(command('ReviseHousingRequest', { requestId, ...needs })).thenRejects('housing-request-unchanged');
      spec.given([requested]).when(command('ReviseHousingRequest', { requestId: 'other', ...needs })).thenRejects('housing-request-not-found', { status: 404 });
      spec.given([requested, housed]).when(command('ReviseHousingRequest', { requestId, ...needs })).thenRejects('housing-request-closed', { status: 409 });
    });
  });

  describe('when a viewing is scheduled', () => {
    const schedule = (viewingId: string, listingId: string, scheduledAt = '2026-05-21T02:00:00.000Z') =>
      command('ScheduleViewing', { requestId, viewingId, listingId, scheduledAt });

    it('records the listing and the time', () => {
      spec.given([requested]).when(schedule('viewing-1', 'listing-1')).then([viewing]);
    });

    it('rejects a second pending viewing of the same listing, a reused id and a time that is none', () => {
      spec.given([requested, viewing]).when(schedule('viewing-2', 'listing-1')).thenRejects('viewing-already-scheduled');
      spec.given([requested, viewing]).when(schedule('viewing-1', 'listing-2')).thenRejects('viewing-already-exists');
      spec.given([requested]).when(schedule('viewing-1', 'listing-1', 'tomorrow')).thenRejects('invalid-instant');
    });

    it('allows viewing the listing again once the first viewing has an outcome', () => {
      const outcome: HousingFileEvent = {
        type: 'brokerage.viewing-outcome-recorded',
        data: { requestId, residentId, viewingId: 'viewing-1', outcome: 'no-show', recordedOn: TODAY },
      };
      spec.given([requested, viewing, outcome]).when(schedule('viewing-2', 'listing-1')).then([{ ...viewing, data: { ...viewing.data, viewingId: 'viewing-2' } }]);
    });
  });

  describe('when the outcome of a viewing is recorded', () => {
    const record = (viewingId: string) => command('RecordViewingOutcome', { requestId, viewingId, outcome: 'interested' });

    it('records it once', () => {
      const recorded: HousingFileEvent = {
        type: 'brokerage.viewing-outcome-recorded',
        data: { requestId, residentId, viewingId: 'viewing-1', outcome: 'interested', recordedOn: TODAY },
      };
      spec.given([requested, viewing]).when(record('viewing-1')).then([recorded]);
      spec.given([requested, viewing, recorded]).when(record('viewing-1')).thenRejects('viewing-outcome-already-recorded', { status: 409 });
    });

    it('rejects an unknown viewing', () => {
      spec.given([requested]).when(record('viewing-9')).thenRejects('viewing-not-found', { status: 404 });
    });
  });

  describe('when the request is closed', () => {
    it('closes it as housed by the lease that housed the resident', () => {
      spec.given([requested]).when(command('CloseHousingRequest', { requestId, outcome: 'housed', leaseId: 'lease-1' })).then([housed]);
    });

    it('takes the same lease closing it again as done', () => {
      spec.given([requested, housed]).when(command('CloseHousingRequest', { requestId, outcome: 'housed', leaseId: 'lease-1' })).then([]);
    });

    it('closes it as withdrawn', () => {
      spec
        .given([requested])
        .when(command('CloseHousingRequest', { requestId, outcome: 'withdrawn', closedOn: '2026-05-15' }))
        .then([{ type: 'brokerage.housing-request-closed', data: { requestId, residentId, outcome: 'withdrawn', closedOn: '2026-05-15' } }]);
    });

    it('rejects housed without a lease, and withdrawing a request already housed', () => {
      spec.given([requested]).when(command('CloseHousingRequest', { requestId, outcome: 'housed' })).thenRejects('lease-required');
      spec.given([requested, housed]).when(command('CloseHousingRequest', { requestId, outcome: 'withdrawn' })).thenRejects('housing-request-closed');
    });
  });

  describe('when the resident is erased', () => {
    it('closes the file, and writes nothing when told again', () => {
      const state = spec.given([requested]).when(command('EraseHousingFile', {})).then([erased]);
      expect(state).toMatchObject({ status: 'erased', request: null });
      spec.given([requested, erased]).when(command('EraseHousingFile', {})).then([]);
    });
  });
});
