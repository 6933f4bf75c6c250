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

  describe('when the holder moves out', () => {
    const movedOut = (movedOutOn = '2026-08-20'): IdNumberClaimEvent => ({
      type: 'registry.id-number-holder-moved-out',
      data: { idNumberHash: HASH, residentId: 'res-1', stationId: 'guangrui-1', movedOutOn },
    });
    const record = (data: Partial<{ residentId: string; stationId: string; movedOutOn: string }> = {}) =>
      command('RecordHolderMovedOut', { idNumberHash: HASH, residentId: 'res-1', stationId: 'guangrui-1', movedOutOn: '2026-08-20', ...data });

    it('keeps the number theirs and notes the move-out', () => {
      const state = spec.given([claimed('res-1', 'guangrui-1')]).when(record()).then([movedOut()]);
      expect(state).toEqual({ status: 'claimed', idNumberHash: HASH, residentId: 'res-1', stationId: 'guangrui-1', movedOutOn: '2026-08-20' });
    });

    it('notes the same move-out once', () => {
      spec.given([claimed('res-1', 'guangrui-1'), movedOut()]).when(record()).then([]);
    });

    it('leaves a claim that has moved on to another station or resident as it is', () => {
      spec.given([claimed('res-1', 'guangyi')]).when(record()).then([]);
      spec.given([claimed('res-2', 'guangrui-1')]).when(record()).then([]);
      spec.given([claimed('res-1', 'guangrui-1'), released]).when(record()).then([]);
    });

    it('tells a new registration of the number to record the return of the resident instead', () => {
      spec
        .given([claimed('res-1', 'guangrui-1'), movedOut()])
        .when(command('ClaimIdNumber', { idNumberHash: HASH, residentId: 'res-2', stationId: 'guangyi', residentExists: true }))
        .thenRejects('id-number-holder-moved-out', {
          status: 409,
          details: { residentId: 'res-1', stationId: 'guangrui-1', movedOutOn: '2026-08-20', instead: 'return' },
        });
    });

    describe('and returns', () => {
      const claimOnReturn = (fromStationId: string, toStationId: string, residentId = 'res-1') =>
        command('ClaimOnReturn', { idNumberHash: HASH, residentId, fromStationId, toStationId });

      it('follows them to the station they return to, no longer moved out', () => {
        const state = spec.given([claimed('res-1', 'guangrui-1'), movedOut()]).when(claimOnReturn('guangrui-1', 'guangyi')).then([claimed('res-1', 'guangyi')]);
        expect(state).toEqual({ status: 'claimed', idNumberHash: HASH, residentId: 'res-1', stationId: 'guangyi' });
      });

      it('is claimed again at the same station when they return where they left', () => {
        spec.given([claimed('res-1', 'guangrui-1'), movedOut()]).when(claimOnReturn('guangrui-1', 'guangrui-1')).then([claimed('res-1', 'guangrui-1')]);
      });

      it('does nothing on a retry after the claim followed the return', () => {
        spec.given([claimed('res-1', 'guangrui-1'), movedOut(), claimed('res-1', 'guangyi')]).when(claimOnReturn('guangrui-1', 'guangyi')).then([]);
      });

      it('rejects a return from a station whose record is no longer the current one', () => {
        spec
          .given([claimed('res-1', 'guangrui-1'), movedOut(), claimed('res-1', 'huishan-1')])
          .when(claimOnReturn('guangrui-1', 'guangyi'))
          .thenRejects('resident-record-elsewhere', { status: 409, details: { stationId: 'huishan-1' } });
      });

      it('rejects the return of a resident who does not hold the number', () => {
        spec
          .given([claimed('res-2', 'guangrui-1')])
          .when(claimOnReturn('guangrui-1', 'guangyi'))
          .thenRejects('id-number-claimed-by-another-resident', { status: 409, details: { residentId: 'res-2' } });
      });

      it('rejects the return of a resident whose number was released', () => {
        spec.given([claimed('res-1', 'guangrui-1'), released]).when(claimOnReturn('guangrui-1', 'guangyi')).thenRejects('id-number-not-claimed', { status: 404 });
      });
    });
  });
});
