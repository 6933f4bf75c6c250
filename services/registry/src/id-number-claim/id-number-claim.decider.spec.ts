import { registryEventContracts } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { IdNumberClaimCommand, idNumberClaimDecider, IdNumberClaimEvent } from './id-number-claim.decider';

const HASH = 'hash-of-id-number';

function command<T extends IdNumberClaimCommand['type']>(type: T, data: Extract<IdNumberClaimCommand, { type: T }>['data']): IdNumberClaimCommand {
  return {
    type,
    data,
    metadata: { now: '2026-09-01T02:00:00Z', actor: { userId: 'staff-1', role: 'station-staff' }, correlationId: 'corr-1', tenantId: 'guangrui-1' },
  } as IdNumberClaimCommand;
}

const claimed = (residentId: string, stationId: string): IdNumberClaimEvent => ({
  type: 'registry.id-number-claimed',
  data: { idNumberHash: HASH, residentId, stationId },
});
const released: IdNumberClaimEvent = { type: 'registry.id-number-released', data: { idNumberHash: HASH, residentId: 'res-1' } };

const spec = deciderSpec(idNumberClaimDecider, { contracts: registryEventContracts });

describe('the ID-number claim', () => {
  describe('when a station claims an ID number for a resident', () => {
    it('claims an unclaimed number', () => {
      const state = spec.given([]).when(command('ClaimIdNumber', { idNumberHash: HASH, residentId: 'res-1', stationId: 'guangrui-1' })).then([claimed('res-1', 'guangrui-1')]);
      expect(state).toEqual({ status: 'claimed', idNumberHash: HASH, residentId: 'res-1', stationId: 'guangrui-1' });
    });

    it('does nothing when the same resident claims it again', () => {
      spec.given([claimed('res-1', 'guangrui-1')]).when(command('ClaimIdNumber', { idNumberHash: HASH, residentId: 'res-1', stationId: 'guangrui-1' })).then([]);
    });

    it('rejects another resident, pointing to the existing record so the person can be transferred instead', () => {
      spec
        .given([claimed('res-1', 'guangrui-1')])
        .when(command('ClaimIdNumber', { idNumberHash: HASH, residentId: 'res-2', stationId: 'guangyi' }))
        .thenRejects('id-number-already-registered', { status: 409, details: { residentId: 'res-1', stationId: 'guangrui-1' } });
    });

    it('still rejects another resident when the holder is known to exist', () => {
      spec
        .given([claimed('res-1', 'guangrui-1')])
        .when(command('ClaimIdNumber', { idNumberHash: HASH, residentId: 'res-2', stationId: 'guangyi', residentExists: true }))
        .thenRejects('id-number-already-registered', { status: 409 });
    });

    it('hands the number over when its holder has no record, as after an unfinished registration', () => {
      spec
        .given([claimed('res-1', 'guangrui-1')])
        .when(command('ClaimIdNumber', { idNumberHash: HASH, residentId: 'res-2', stationId: 'guangyi', residentExists: false }))
        .then([claimed('res-2', 'guangyi')]);
    });

    it('claims a number released by an erasure', () => {
      spec.given([claimed('res-1', 'guangrui-1'), released]).when(command('ClaimIdNumber', { idNumberHash: HASH, residentId: 'res-2', stationId: 'guangyi' })).then([claimed('res-2', 'guangyi')]);
    });
  });

  describe('when the resident is transferred', () => {
    it('moves the claim to the receiving station', () => {
      const state = spec
        .given([claimed('res-1', 'guangrui-1')])
        .when(command('TransferClaim', { idNumberHash: HASH, residentId: 'res-1', toStationId: 'guangyi' }))
        .then([claimed('res-1', 'guangyi')]);
      expect(state).toMatchObject({ stationId: 'guangyi' });
    });

    it('does nothing when the claim is already at the receiving station', () => {
      spec.given([claimed('res-1', 'guangyi')]).when(command('TransferClaim', { idNumberHash: HASH, residentId: 'res-1', toStationId: 'guangyi' })).then([]);
    });

    it('rejects moving a claim held by another resident', () => {
      spec
        .given([claimed('res-1', 'guangrui-1')])
        .when(command('TransferClaim', { idNumberHash: HASH, residentId: 'res-2', toStationId: 'guangyi' }))
        .thenRejects('id-number-claimed-by-another-resident', { status: 409, details: { residentId: 'res-1' } });
    });

    it('rejects moving a claim nobody holds', () => {
      spec.given([]).when(command('TransferClaim', { idNumberHash: HASH, residentId: 'res-1', toStationId: 'guangyi' })).thenRejects('id-number-not-claimed', { status: 404 });
    });

    it('rejects moving a released claim', () => {
      spec
        .given([claimed('res-1', 'guangrui-1'), released])
        .when(command('TransferClaim', { idNumberHash: HASH, residentId: 'res-1', toStationId: 'guangyi' }))
        .thenRejects('id-number-not-claimed', { status: 404 });
    });
  });

  describe("when the holder's personal data is erased", () => {
    it('releases the number', () => {
      const state = spec.given([claimed('res-1', 'guangrui-1')]).when(command('ReleaseIdNumber', { idNumberHash: HASH, residentId: 'res-1' })).then([released]);
      expect(state).toEqual({ status: 'released', idNumberHash: HASH, residentId: 'res-1' });
    });

    it('does nothing when the number is already released', () => {
      spec.given([claimed('res-1', 'guangrui-1'), released]).when(command('ReleaseIdNumber', { idNumberHash: HASH, residentId: 'res-1' })).then([]);
    });

    it('does nothing when the number was never claimed', () => {
      spec.given([]).when(command('ReleaseIdNumber', { idNumberHash: HASH, residentId: 'res-1' })).then([]);
    });

    it('rejects releasing a number held by another resident', () => {
      spec
        .given([claimed('res-1', 'guangrui-1')])
        .when(command('ReleaseIdNumber', { idNumberHash: HASH, residentId: 'res-2' }))
        .thenRejects('id-number-claimed-by-another-resident', { status: 409 });
    });
  });
});
