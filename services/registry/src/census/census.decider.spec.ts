import { registryEventContracts } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { CensusCommand, censusDecider, CensusEvent, RecordCommunityCensusData } from './census.decider';

const STATION = 'guangrui-1';
// 2026-09-01 10:00 at the station (UTC+8).
const NOW = '2026-09-01T02:00:00Z';

function record(data: Partial<RecordCommunityCensusData> = {}, now = NOW): CensusCommand {
  return {
    type: 'RecordCommunityCensus',
    data: { stationId: STATION, asOf: '2026-08-31', households: 4019, residents: 9817, ...data },
    metadata: { now, actor: { userId: 'lead-1', role: 'station-lead' }, correlationId: 'corr-1', tenantId: STATION },
  };
}

const recorded = (asOf: string, households = 4019, residents = 9817): CensusEvent => ({
  type: 'registry.community-census-recorded',
  data: { stationId: STATION, asOf, households, residents },
});

const spec = deciderSpec(censusDecider, { contracts: registryEventContracts });

describe('the community census', () => {
  describe('when the station lead records the first census', () => {
    it('records the households and residents as of the day given', () => {
      const state = spec.given([]).when(record()).then([recorded('2026-08-31')]);
      expect(state).toEqual({ status: 'recorded', stationId: STATION, lastAsOf: '2026-08-31' });
    });

    it('accepts a census as of today, by the station calendar', () => {
      // 2026-08-31T17:00Z is already 2026-09-01 at the station.
      spec.given([]).when(record({ asOf: '2026-09-01' }, '2026-08-31T17:00:00Z')).then([recorded('2026-09-01')]);
    });

    it('accepts an empty community', () => {
      spec.given([]).when(record({ households: 0, residents: 0 })).then([recorded('2026-08-31', 0, 0)]);
    });

    it('accepts as many households as residents (people living alone)', () => {
      spec.given([]).when(record({ households: 12, residents: 12 })).then([recorded('2026-08-31', 12, 12)]);
    });
  });

  describe('when a later census is recorded', () => {
    it('adds it to the history', () => {
      const state = spec.given([recorded('2025-12-31')]).when(record({ residents: 9900 })).then([recorded('2026-08-31', 4019, 9900)]);
      expect(state).toMatchObject({ lastAsOf: '2026-08-31' });
    });

    it('rejects a census as of the same day as the last one', () => {
      spec
        .given([recorded('2026-08-31')])
        .when(record())
        .thenRejects('census-not-after-last', { status: 409, details: { asOf: '2026-08-31', lastAsOf: '2026-08-31' } });
    });

    it('rejects a census as of a day before the last one', () => {
      spec
        .given([recorded('2025-12-31'), recorded('2026-06-30')])
        .when(record({ asOf: '2026-01-31' }))
        .thenRejects('census-not-after-last', { status: 409, details: { lastAsOf: '2026-06-30' } });
    });
  });

  describe('when the census is not a possible count', () => {
    it('rejects a census as of a day still to come', () => {
      spec.given([]).when(record({ asOf: '2026-09-02' })).thenRejects('census-date-in-future', { status: 422, details: { today: '2026-09-01' } });
    });

    it('rejects a date that is not on the calendar', () => {
      spec.given([]).when(record({ asOf: '2026-02-30' })).thenRejects('invalid-date', { status: 422, details: { field: 'asOf' } });
    });

    it('rejects more households than residents', () => {
      spec
        .given([])
        .when(record({ households: 10, residents: 9 }))
        .thenRejects('more-households-than-residents', { status: 422, details: { households: 10, residents: 9 } });
    });

    it('rejects a negative count', () => {
      spec.given([]).when(record({ households: -1 })).thenRejects('invalid-count', { status: 422, details: { field: 'households' } });
    });

    it('rejects a count that is not a whole number', () => {
      spec.given([]).when(record({ residents: 9817.5 })).thenRejects('invalid-count', { status: 422, details: { field: 'residents' } });
    });
  });
});
