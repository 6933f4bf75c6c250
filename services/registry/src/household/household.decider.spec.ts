import { registryEventContracts } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { HouseholdCommand, householdDecider, HouseholdEvent } from './household.decider';

const STATION = 'guangrui-1';
const HOUSEHOLD = 'hh-0001';

function command<T extends HouseholdCommand['type']>(type: T, data: Extract<HouseholdCommand, { type: T }>['data']): HouseholdCommand {
  return {
    type,
    data,
    metadata: { now: '2026-09-01T02:00:00Z', actor: { userId: 'staff-1', role: 'station-staff' }, correlationId: 'corr-1', tenantId: STATION },
  } as HouseholdCommand;
}

const created: HouseholdEvent = { type: 'registry.household-created', data: { householdId: HOUSEHOLD, stationId: STATION, compound: '广瑞一村' } };
const added = (residentId: string, relation: 'head' | 'spouse' | 'child' = 'spouse'): HouseholdEvent => ({
  type: 'registry.household-member-added',
  data: { householdId: HOUSEHOLD, residentId, relation },
});
const headSet = (residentId: string): HouseholdEvent => ({ type: 'registry.household-head-set', data: { householdId: HOUSEHOLD, residentId } });
const removed = (residentId: string): HouseholdEvent => ({ type: 'registry.household-member-removed', data: { householdId: HOUSEHOLD, residentId } });

const spec = deciderSpec(householdDecider, { contracts: registryEventContracts });

describe('the household', () => {
  describe('when a household is created', () => {
    it('records it in its compound, with no members yet', () => {
      const state = spec.given([]).when(command('CreateHousehold', { householdId: HOUSEHOLD, stationId: STATION, compound: '广瑞一村' })).then([created]);
      expect(state).toEqual({ status: 'created', householdId: HOUSEHOLD, stationId: STATION, compound: '广瑞一村', members: [] });
    });

    it('rejects creating it twice', () => {
      spec
        .given([created])
        .when(command('CreateHousehold', { householdId: HOUSEHOLD, stationId: STATION, compound: '广瑞一村' }))
        .thenRejects('household-already-exists', { status: 409 });
    });
  });

  describe('when a member is added', () => {
    it('records the member and their relation', () => {
      const state = spec.given([created]).when(command('AddHouseholdMember', { householdId: HOUSEHOLD, residentId: 'res-2', relation: 'spouse' })).then([added('res-2')]);
      expect(state).toMatchObject({ members: [{ residentId: 'res-2', relation: 'spouse' }] });
      expect(state).not.toHaveProperty('headId');
    });

    it('makes a member joining as head the head of a headless household', () => {
      const state = spec
        .given([created])
        .when(command('AddHouseholdMember', { householdId: HOUSEHOLD, residentId: 'res-1', relation: 'head' }))
        .then([added('res-1', 'head'), headSet('res-1')]);
      expect(state).toMatchObject({ headId: 'res-1' });
    });

    it('rejects a second head joining', () => {
      spec
        .given([created, added('res-1', 'head'), headSet('res-1')])
        .when(command('AddHouseholdMember', { householdId: HOUSEHOLD, residentId: 'res-2', relation: 'head' }))
        .thenRejects('household-already-has-head', { status: 409, details: { headId: 'res-1' } });
    });

    it('rejects adding the same resident twice', () => {
      spec
        .given([created, added('res-2')])
        .when(command('AddHouseholdMember', { householdId: HOUSEHOLD, residentId: 'res-2', relation: 'child' }))
        .thenRejects('household-member-already-added', { status: 409, details: { relation: 'spouse' } });
    });

    it('rejects adding to a household that does not exist', () => {
      spec
        .given([])
        .when(command('AddHouseholdMember', { householdId: HOUSEHOLD, residentId: 'res-2', relation: 'spouse' }))
        .thenRejects('household-not-found', { status: 404 });
    });
  });

  describe('when a member is removed', () => {
    it('removes them and keeps the head', () => {
      const state = spec
        .given([created, added('res-1', 'head'), headSet('res-1'), added('res-2')])
        .when(command('RemoveHouseholdMember', { householdId: HOUSEHOLD, residentId: 'res-2' }))
        .then([removed('res-2')]);
      expect(state).toMatchObject({ members: [{ residentId: 'res-1' }], headId: 'res-1' });
    });

    it('leaves the household without a head when the head leaves', () => {
      const state = spec
        .given([created, added('res-1', 'head'), headSet('res-1'), added('res-2')])
        .when(command('RemoveHouseholdMember', { householdId: HOUSEHOLD, residentId: 'res-1' }))
        .then([removed('res-1')]);
      expect(state).toMatchObject({ members: [{ residentId: 'res-2' }] });
      expect(state).not.toHaveProperty('headId');
    });

    it('lets a new head join once the head has left', () => {
      spec
        .given([created, added('res-1', 'head'), headSet('res-1'), removed('res-1')])
        .when(command('AddHouseholdMember', { householdId: HOUSEHOLD, residentId: 'res-3', relation: 'head' }))
        .then([added('res-3', 'head'), headSet('res-3')]);
    });

    it('rejects removing a resident who is not a member', () => {
      spec
        .given([created, added('res-2')])
        .when(command('RemoveHouseholdMember', { householdId: HOUSEHOLD, residentId: 'res-9' }))
        .thenRejects('household-member-not-found', { status: 404, details: { residentId: 'res-9' } });
    });

    it('rejects removing from a household that does not exist', () => {
      spec.given([]).when(command('RemoveHouseholdMember', { householdId: HOUSEHOLD, residentId: 'res-2' })).thenRejects('household-not-found', { status: 404 });
    });
  });

  describe('when the head is set', () => {
    it('makes a member the head in place of the previous one', () => {
      const state = spec
        .given([created, added('res-1', 'head'), headSet('res-1'), added('res-2')])
        .when(command('SetHouseholdHead', { householdId: HOUSEHOLD, residentId: 'res-2' }))
        .then([headSet('res-2')]);
      expect(state).toMatchObject({ headId: 'res-2' });
    });

    it('does nothing when the member already is the head', () => {
      spec.given([created, added('res-1', 'head'), headSet('res-1')]).when(command('SetHouseholdHead', { householdId: HOUSEHOLD, residentId: 'res-1' })).then([]);
    });

    it('rejects a head who is not a member', () => {
      spec
        .given([created, added('res-2')])
        .when(command('SetHouseholdHead', { householdId: HOUSEHOLD, residentId: 'res-9' }))
        .thenRejects('head-must-be-a-member', { status: 422 });
    });

    it('rejects a head who has left the household', () => {
      spec
        .given([created, added('res-2'), removed('res-2')])
        .when(command('SetHouseholdHead', { householdId: HOUSEHOLD, residentId: 'res-2' }))
        .thenRejects('head-must-be-a-member', { status: 422 });
    });

    it('rejects a head for a household that does not exist', () => {
      spec.given([]).when(command('SetHouseholdHead', { householdId: HOUSEHOLD, residentId: 'res-1' })).thenRejects('household-not-found', { status: 404 });
    });
  });
});
