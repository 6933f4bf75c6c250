import { deciderSpec } from '@kinship/testing';
import { FeeTerms } from '../fees/fee-terms';
import { metadata, specOptions, STATION, TODAY } from '../testing/decider-fixtures';
import { LeaseCommand, leaseDecider, LeaseEvent } from './lease.decider';

const spec = deciderSpec(leaseDecider, specOptions);
const leaseId = 'lease-1';
const feeTerms: FeeTerms = { effectiveFrom: '2026-01-01', basisPoints: 3000, capFen: 50_000, renewalBasisPoints: 0 };
const terms = {
  leaseId,
  stationId: STATION,
  listingId: 'listing-1',
  landlordId: 'landlord-1',
  residentId: 'resident-1',
  compound: '广瑞一村',
  address: 'v1.address',
  startsOn: '2026-06-01',
  endsOn: '2027-05-31',
  monthlyRentFen: 120_000,
  depositFen: 120_000,
};
const fee = { amountFen: 36_000, basisPoints: 3000, capFen: 50_000, scheduleEffectiveFrom: '2026-01-01' };
const signed: LeaseEvent = { type: 'brokerage.lease-signed', data: { ...terms, signedOn: '2026-05-15', fee } };

const sign = (overrides: Partial<typeof terms & { signedOn: string }> = {}): Extract<LeaseCommand, { type: 'SignLease' }> => ({
  type: 'SignLease',
  data: { ...terms, signedOn: '2026-05-15', feeTerms, ...overrides },
  metadata: metadata(),
});
const renew = (data: Partial<Extract<LeaseCommand, { type: 'RenewLease' }>['data']> = {}): LeaseCommand => ({
  type: 'RenewLease',
  data: { leaseId, endsOn: '2028-05-31', feeTerms, ...data },
  metadata: metadata(),
});
const end = (data: Partial<Extract<LeaseCommand, { type: 'EndLease' }>['data']> = {}): LeaseCommand => ({
  type: 'EndLease',
  data: { leaseId, depositReturnedFen: 120_000, endedOn: '2026-06-10', ...data },
  metadata: metadata({ now: '2026-06-20T02:00:00.000Z' }),
});

describe('a lease', () => {
  describe('when signed', () => {
    it('assesses the fee from the terms in force', () => {
      spec.given([]).when(sign()).then([signed]);
    });

    it('is signed today unless told', () => {
      spec.given([]).when({ ...sign(), data: { ...terms, feeTerms } }).then([{ ...signed, data: { ...signed.data, signedOn: TODAY } }]);
    });

    it('rejects a second signing, a term that ends before it starts and a signing in the future', () => {
      spec.given([signed]).when(sign()).thenRejects('lease-already-exists', { status: 409 });
      spec.given([]).when(sign({ endsOn: '2026-06-01' })).thenRejects('lease-term-invalid');
      spec.given([]).when(sign({ signedOn: '2026-05-21' })).thenRejects('date-in-future');
    });

    it('rejects a rent of nothing and a deposit below zero', () => {
      spec.given([]).when(sign({ monthlyRentFen: 0 })).thenRejects('invalid-amount');
      spec.given([]).when(sign({ depositFen: -100 })).thenRejects('invalid-amount');
    });
  });

  describe('when renewed', () => {
    it('extends the term with no fee under a schedule that charges none on renewals', () => {
      spec
        .given([signed])
        .when(renew({ monthlyRentFen: 125_000 }))
        .then([
          {
            type: 'brokerage.lease-renewed',
            data: {
              leaseId,
              residentId: 'resident-1',
              renewedOn: TODAY,
              previousEndsOn: '2027-05-31',
              endsOn: '2028-05-31',
              monthlyRentFen: 125_000,
              fee: { amountFen: 0, basisPoints: 0, capFen: 50_000, scheduleEffectiveFrom: '2026-01-01' },
            },
          },
        ]);
    });

    it('charges the renewal share when the schedule has one', () => {
      const state = spec.given([signed]).when(renew({ feeTerms: { ...feeTerms, renewalBasisPoints: 1000 } })).then([
        expect.objectContaining({ data: expect.objectContaining({ fee: expect.objectContaining({ amountFen: 12_000, basisPoints: 1000 }) }) }) as LeaseEvent,
      ]);
      expect(state).toMatchObject({ status: 'active', lease: { endsOn: '2028-05-31' } });
    });

    it('rejects a renewal that does not extend the term, an ended lease and an unknown one', () => {
      spec.given([signed]).when(renew({ endsOn: '2027-05-31' })).thenRejects('renewal-must-extend-term');
      spec.given([signed, { type: 'brokerage.lease-ended', data: { leaseId, residentId: 'resident-1', listingId: 'listing-1', endedOn: '2026-06-10', reason: 'early-termination', depositReturnedFen: 0, depositWithheldFen: 120_000, withholdingReason: 'damage' } }])
        .when(renew())
        .thenRejects('lease-ended', { status: 409 });
      spec.given([]).when(renew()).thenRejects('lease-not-found', { status: 404 });
    });
  });

  describe('when ended', () => {
    it('records the deposit returned, early before the term ends', () => {
      spec.given([signed]).when(end()).then([
        {
          type: 'brokerage.lease-ended',
          data: { leaseId, residentId: 'resident-1', listingId: 'listing-1', endedOn: '2026-06-10', reason: 'early-termination', depositReturnedFen: 120_000, depositWithheldFen: 0 },
        },
      ]);
    });

    it('keeps part of the deposit only with a reason', () => {
      spec
        .given([signed])
        .when({ ...end({ depositReturnedFen: 100_000, withholdingReason: 'broken window', endedOn: '2027-05-31' }), metadata: metadata({ now: '2027-06-01T02:00:00.000Z' }) })
        .then([
          expect.objectContaining({
            data: expect.objectContaining({ reason: 'term-completed', depositWithheldFen: 20_000, withholdingReason: 'broken window' }),
          }) as LeaseEvent,
        ]);
      spec.given([signed]).when(end({ depositReturnedFen: 100_000 })).thenRejects('withholdingReason-required');
    });

    it('rejects returning more than the deposit, an end before the start, and ending twice', () => {
      spec.given([signed]).when(end({ depositReturnedFen: 120_001 })).thenRejects('deposit-return-exceeds-deposit');
      spec.given([signed]).when(end({ endedOn: '2026-05-31' })).thenRejects('date-too-early');
      spec.given([signed, { type: 'brokerage.lease-ended', data: { leaseId, residentId: 'resident-1', listingId: 'listing-1', endedOn: '2026-06-10', reason: 'early-termination', depositReturnedFen: 120_000, depositWithheldFen: 0 } }])
        .when(end())
        .thenRejects('lease-ended');
    });
  });
});
