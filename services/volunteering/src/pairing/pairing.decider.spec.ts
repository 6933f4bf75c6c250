import { volunteeringEventContracts } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { continuityOn, Pairing, PairingCommand, pairingDecider, PairingEvent } from './pairing.decider';
import { atTenOn, issuedAt } from '../testing/decider-command';

const P = 'pair-1';
const STATION = 'guangrui-1';
const TODAY = '2026-06-15';

const command = <T extends PairingCommand['type']>(type: T, data: Extract<PairingCommand, { type: T }>['data'], today = TODAY) => issuedAt<PairingCommand>({ type, data }, atTenOn(today));

const started: PairingEvent = {
  type: 'volunteering.pairing-started',
  data: {
    pairingId: P,
    stationId: STATION,
    volunteerId: 'vol-1',
    householdId: 'hh-1',
    beneficiaryResidentId: 'res-old',
    category: 'elderly-living-alone',
    needs: 'v1.cipher.needs',
    alertAfterDays: 14,
    startedOn: '2026-05-01',
  },
};
const visit = (visitId: string, visitedOn: string): PairingEvent => ({
  type: 'volunteering.pairing-visit-recorded',
  data: { pairingId: P, visitId, volunteerId: 'vol-1', householdId: 'hh-1', visitedOn, minutes: 60, kind: 'home-visit', note: 'v1.cipher.note' },
});
const ended: PairingEvent = { type: 'volunteering.pairing-ended', data: { pairingId: P, endedOn: '2026-06-10', reason: 'beneficiary-moved' } };
const beneficiaryErased: PairingEvent = { type: 'volunteering.pairing-beneficiary-erased', data: { pairingId: P, beneficiaryResidentId: 'res-old' } };

const spec = deciderSpec(pairingDecider, { contracts: volunteeringEventContracts });
const stateAfter = (events: PairingEvent[]) => events.reduce(pairingDecider.evolve, pairingDecider.initialState()) as Pairing;

describe('a pairing', () => {
  const start = (extra: Partial<Extract<PairingCommand, { type: 'StartPairing' }>['data']> = {}) =>
    command('StartPairing', { ...started.data, volunteer: 'active', ...extra } as Extract<PairingCommand, { type: 'StartPairing' }>['data']);

  describe('when a volunteer is paired with a household', () => {
    it('starts with the beneficiary, their category and a visit alert', () => {
      const state = spec.given([]).when(start()).then([started]);
      expect(state).toMatchObject({ status: 'active', lastVisitOn: null, beneficiaryErased: false });
    });

    it('alerts after two weeks without a visit unless told otherwise', () => {
      const { alertAfterDays: _days, startedOn: _on, ...defaults } = started.data;
      spec.given([]).when(start({ alertAfterDays: undefined, startedOn: undefined })).then([
        { type: 'volunteering.pairing-started', data: { ...defaults, alertAfterDays: 14, startedOn: TODAY } },
      ]);
    });

    it('rejects a volunteer who is not active', () => {
      spec.given([]).when(start({ volunteer: 'left' })).thenRejects('volunteer-not-active', { status: 409 });
    });

    it('rejects a volunteer of another station', () => {
      spec.given([]).when(start({ volunteer: 'none' })).thenRejects('volunteer-not-found', { status: 404 });
    });

    it.each([0, 366])('rejects a visit alert of %p days', (alertAfterDays) => {
      spec.given([]).when(start({ alertAfterDays })).thenRejects('invalid-visit-alert', { status: 422 });
    });

    it('rejects a start in the future', () => {
      spec.given([]).when(start({ startedOn: '2026-06-16' })).thenRejects('date-in-future');
    });

    it('rejects starting it twice', () => {
      spec.given([started]).when(start()).thenRejects('pairing-already-started', { status: 409 });
    });
  });

  describe('when visits are recorded', () => {
    const record = (extra: Partial<Extract<PairingCommand, { type: 'RecordVisit' }>['data']> = {}) =>
      command('RecordVisit', { pairingId: P, visitId: 'visit-1', visitedOn: '2026-06-01', minutes: 60, kind: 'home-visit', note: 'v1.cipher.note', ...extra });

    it('records the visit and moves the last visit on', () => {
      const state = spec.given([started]).when(record()).then([visit('visit-1', '2026-06-01')]);
      expect(state).toMatchObject({ lastVisitOn: '2026-06-01' });
    });

    it('keeps the latest visit when an earlier one is recorded late', () => {
      expect(stateAfter([started, visit('visit-2', '2026-06-10'), visit('visit-1', '2026-06-01')]).lastVisitOn).toBe('2026-06-10');
    });

    it('rejects a visit recorded twice', () => {
      spec.given([started, visit('visit-1', '2026-06-01')]).when(record()).thenRejects('visit-already-recorded', { status: 409 });
    });

    it('rejects a visit before the pairing started', () => {
      spec.given([started]).when(record({ visitedOn: '2026-04-30' })).thenRejects('date-before-pairing', { status: 422 });
    });

    it('rejects a visit in the future', () => {
      spec.given([started]).when(record({ visitedOn: '2026-06-16' })).thenRejects('date-in-future');
    });

    it('rejects a visit of no duration', () => {
      spec.given([started]).when(record({ minutes: 0 })).thenRejects('invalid-minutes');
    });

    it('rejects a visit to an ended pairing', () => {
      spec.given([started, ended]).when(record()).thenRejects('pairing-ended', { status: 409 });
    });

    it('rejects a visit to a pairing that does not exist', () => {
      spec.given([]).when(record()).thenRejects('pairing-not-found', { status: 404 });
    });

    it('keeps no note about a beneficiary who was erased, but still counts the visit', () => {
      spec.given([started, beneficiaryErased]).when(record()).thenRejects('beneficiary-erased', { status: 409 });
      const withoutNote = { pairingId: P, visitId: 'visit-1', volunteerId: 'vol-1', householdId: 'hh-1', visitedOn: '2026-06-01', minutes: 60, kind: 'home-visit' as const };
      spec.given([started, beneficiaryErased]).when(record({ note: undefined })).then([{ type: 'volunteering.pairing-visit-recorded', data: withoutNote }]);
    });
  });

  describe('when its visit alert changes or it ends', () => {
    it('sets a new visit alert', () => {
      spec
        .given([started])
        .when(command('SetVisitAlert', { pairingId: P, alertAfterDays: 7 }))
        .then([{ type: 'volunteering.pairing-visit-alert-set', data: { pairingId: P, alertAfterDays: 7 } }]);
    });

    it('records nothing when the alert stays the same', () => {
      spec.given([started]).when(command('SetVisitAlert', { pairingId: P, alertAfterDays: 14 })).then([]);
    });

    it('rejects an alert out of range', () => {
      spec.given([started]).when(command('SetVisitAlert', { pairingId: P, alertAfterDays: 400 })).thenRejects('invalid-visit-alert');
    });

    it('ends the pairing', () => {
      const state = spec.given([started]).when(command('EndPairing', { pairingId: P, reason: 'beneficiary-moved', endedOn: '2026-06-10' })).then([ended]);
      expect(state.status).toBe('ended');
    });

    it('rejects ending it twice', () => {
      spec.given([started, ended]).when(command('EndPairing', { pairingId: P, reason: 'other' })).thenRejects('pairing-ended');
    });

    it('rejects an end before the start', () => {
      spec.given([started]).when(command('EndPairing', { pairingId: P, reason: 'other', endedOn: '2026-04-01' })).thenRejects('date-before-pairing');
    });
  });

  describe('when the beneficiary is erased in the registry', () => {
    it('drops the needs and every visit note', () => {
      const state = spec.given([started, visit('visit-1', '2026-06-01')]).when(command('EraseBeneficiaryData', { pairingId: P })).then([beneficiaryErased]);
      expect(state).toMatchObject({ needs: null, beneficiaryErased: true, visits: { 'visit-1': { visitedOn: '2026-06-01' } } });
      expect(state.status !== 'none' && state.visits['visit-1'].note).toBeUndefined();
    });

    it('erases once, and ignores a pairing it does not know', () => {
      spec.given([started, beneficiaryErased]).when(command('EraseBeneficiaryData', { pairingId: P })).then([]);
      spec.given([]).when(command('EraseBeneficiaryData', { pairingId: P })).then([]);
    });
  });

  describe('its continuity', () => {
    it('counts the days since the last visit, or since the start before any', () => {
      expect(continuityOn(stateAfter([started]), '2026-05-15')).toEqual({ daysWithoutVisit: 14, overdue: false });
      expect(continuityOn(stateAfter([started]), '2026-05-16')).toEqual({ daysWithoutVisit: 15, overdue: true });
      expect(continuityOn(stateAfter([started, visit('visit-1', '2026-06-10')]), TODAY)).toEqual({ daysWithoutVisit: 5, overdue: false });
    });

    it('never calls an ended pairing overdue', () => {
      expect(continuityOn(stateAfter([started, ended]), '2026-12-31').overdue).toBe(false);
    });
  });
});
