import { deciderSpec } from '@kinship/testing';
import { metadata, specOptions, STATION } from '../testing/decider-fixtures';
import { LandlordEvent, landlordDecider } from './landlord.decider';

const spec = deciderSpec(landlordDecider, specOptions);
const landlordId = 'landlord-1';
const registered: LandlordEvent = { type: 'brokerage.landlord-registered', data: { landlordId, stationId: STATION, contact: 'v1.cipher' } };
const erased: LandlordEvent = { type: 'brokerage.landlord-personal-data-erased', data: { landlordId, requestedBy: 'landlord', reason: 'asked' } };

describe('the landlord', () => {
  describe('when registered', () => {
    it('records the encrypted contact', () => {
      spec.given([]).when({ type: 'RegisterLandlord', data: { landlordId, stationId: STATION, contact: 'v1.cipher' }, metadata: metadata() }).then([registered]);
    });

    it('rejects registering the same landlord twice', () => {
      spec
        .given([registered])
        .when({ type: 'RegisterLandlord', data: { landlordId, stationId: STATION, contact: 'v1.other' }, metadata: metadata() })
        .thenRejects('landlord-already-registered', { status: 409 });
    });
  });

  describe('when the contact changes', () => {
    it('records the new ciphertext', () => {
      spec
        .given([registered])
        .when({ type: 'ChangeLandlordContact', data: { landlordId, contact: 'v1.new' }, metadata: metadata() })
        .then([{ type: 'brokerage.landlord-contact-changed', data: { landlordId, contact: 'v1.new' } }]);
    });

    it('rejects a landlord nobody registered', () => {
      spec.given([]).when({ type: 'ChangeLandlordContact', data: { landlordId, contact: 'v1.new' }, metadata: metadata() }).thenRejects('landlord-not-found', { status: 404 });
    });

    it('rejects an erased landlord', () => {
      spec
        .given([registered, erased])
        .when({ type: 'ChangeLandlordContact', data: { landlordId, contact: 'v1.new' }, metadata: metadata() })
        .thenRejects('landlord-erased', { status: 409 });
    });
  });

  describe('when erased', () => {
    const erase = (requestedBy: string, reason: string) => ({
      type: 'EraseLandlordPersonalData' as const,
      data: { landlordId, requestedBy, reason },
      metadata: metadata(),
    });

    it('records who asked and why', () => {
      spec.given([registered]).when(erase(' landlord ', 'asked')).then([{ ...erased, data: { ...erased.data, requestedBy: 'landlord' } }]);
    });

    it('writes nothing more when erased again', () => {
      spec.given([registered, erased]).when(erase('landlord', 'asked again')).then([]);
    });

    it('rejects an erasure without a requester or a reason', () => {
      spec.given([registered]).when(erase(' ', 'asked')).thenRejects('requester-required');
      spec.given([registered]).when(erase('landlord', '')).thenRejects('reason-required');
    });

    it('rejects a landlord nobody registered', () => {
      spec.given([]).when(erase('landlord', 'asked')).thenRejects('landlord-not-found', { status: 404 });
    });
  });
});
