import { deciderSpec } from '@kinship/testing';
import { metadata, specOptions, STATION, TODAY } from '../testing/decider-fixtures';
import { ListingCommand, listingDecider, ListingEvent } from './listing.decider';

const spec = deciderSpec(listingDecider, specOptions);
const listingId = 'listing-1';
const unit = {
  listingId,
  stationId: STATION,
  landlordId: 'landlord-1',
  compound: '广瑞一村',
  building: '12',
  unit: '2',
  room: '301',
  areaSqm: 38.5,
  rooms: 2,
  monthlyRentFen: 120_000,
  depositFen: 120_000,
  photos: ['blob://photo-1'],
};
const created: ListingEvent = { type: 'brokerage.listing-created', data: unit };
const published: ListingEvent = { type: 'brokerage.listing-published', data: { listingId, publishedOn: '2026-05-01' } };
const letUnder = (leaseId: string | null): ListingEvent => ({ type: 'brokerage.listing-let', data: { listingId, letOn: '2026-05-10', leaseId } });
const withdrawn: ListingEvent = { type: 'brokerage.listing-withdrawn', data: { listingId, withdrawnOn: '2026-05-02', reason: 'sold' } };

type Data<T extends ListingCommand['type']> = Extract<ListingCommand, { type: T }>['data'];
const command = <T extends ListingCommand['type']>(type: T, data: Omit<Data<T>, 'listingId'>) =>
  ({ type, data: { listingId, ...data }, metadata: metadata() }) as unknown as Extract<ListingCommand, { type: T }>;

describe('a listing', () => {
  describe('when created', () => {
    it('takes the unit on the books, unlisted', () => {
      const state = spec.given([]).when({ type: 'CreateListing', data: unit, metadata: metadata() }).then([created]);
      expect(state).toMatchObject({ status: 'exists', listing: { status: 'unlisted' } });
    });

    it('rejects a second listing under the same id', () => {
      spec.given([created]).when({ type: 'CreateListing', data: unit, metadata: metadata() }).thenRejects('listing-already-exists', { status: 409 });
    });

    it('rejects a rent that is not whole fen above zero', () => {
      spec.given([]).when({ type: 'CreateListing', data: { ...unit, monthlyRentFen: 1200.5 }, metadata: metadata() }).thenRejects('invalid-amount');
      spec.given([]).when({ type: 'CreateListing', data: { ...unit, depositFen: -1 }, metadata: metadata() }).thenRejects('invalid-amount');
    });

    it('rejects a unit without area or rooms', () => {
      spec.given([]).when({ type: 'CreateListing', data: { ...unit, rooms: 0 }, metadata: metadata() }).thenRejects('invalid-unit');
    });
  });

  describe('when published', () => {
    it('puts the unit on offer, today unless told', () => {
      spec.given([created]).when(command('PublishListing', {})).then([{ type: 'brokerage.listing-published', data: { listingId, publishedOn: TODAY } }]);
    });

    it('may be published again after a withdrawal', () => {
      spec.given([created, published, withdrawn]).when(command('PublishListing', { publishedOn: '2026-05-03' })).then([{ ...published, data: { listingId, publishedOn: '2026-05-03' } }]);
    });

    it('rejects publishing twice, a let unit, a day in the future and an unknown listing', () => {
      spec.given([created, published]).when(command('PublishListing', {})).thenRejects('listing-already-published', { status: 409 });
      spec.given([created, published, letUnder('lease-1')]).when(command('PublishListing', {})).thenRejects('listing-let', { status: 409 });
      spec.given([created]).when(command('PublishListing', { publishedOn: '2026-06-01' })).thenRejects('date-in-future');
      spec.given([]).when(command('PublishListing', {})).thenRejects('listing-not-found', { status: 404 });
    });
  });

  describe('when the price changes', () => {
    it('records the new and the previous rent and deposit', () => {
      spec
        .given([created, published])
        .when(command('ChangeListingPrice', { monthlyRentFen: 110_000 }))
        .then([
          {
            type: 'brokerage.listing-price-changed',
            data: { listingId, monthlyRentFen: 110_000, depositFen: 120_000, previousRentFen: 120_000, previousDepositFen: 120_000, changedOn: TODAY },
          },
        ]);
    });

    it('rejects a change that changes nothing, a let unit and a rent of zero', () => {
      spec.given([created]).when(command('ChangeListingPrice', { monthlyRentFen: 120_000, depositFen: 120_000 })).thenRejects('price-unchanged');
      spec.given([created, published, letUnder(null)]).when(command('ChangeListingPrice', { monthlyRentFen: 1 })).thenRejects('listing-let');
      spec.given([created]).when(command('ChangeListingPrice', { monthlyRentFen: 0 })).thenRejects('invalid-amount');
    });
  });

  describe('when withdrawn', () => {
    it('takes the unit off the market with the reason', () => {
      spec.given([created, published]).when(command('WithdrawListing', { reason: ' sold ', withdrawnOn: '2026-05-02' })).then([withdrawn]);
    });

    it('rejects withdrawing twice, a let unit, and no reason', () => {
      spec.given([created, withdrawn]).when(command('WithdrawListing', { reason: 'again' })).thenRejects('listing-already-withdrawn');
      spec.given([created, published, letUnder('lease-1')]).when(command('WithdrawListing', { reason: 'x' })).thenRejects('listing-let');
      spec.given([created]).when(command('WithdrawListing', { reason: ' ' })).thenRejects('reason-required');
    });
  });

  describe('when let', () => {
    it('is let under the lease that claims it', () => {
      spec.given([created, published]).when(command('MarkListingLet', { leaseId: 'lease-1', letOn: '2026-05-10' })).then([letUnder('lease-1')]);
    });

    it('takes the same lease claiming it again as done', () => {
      spec.given([created, published, letUnder('lease-1')]).when(command('MarkListingLet', { leaseId: 'lease-1' })).then([]);
    });

    it('rejects a second lease and a unit not on offer', () => {
      spec
        .given([created, published, letUnder('lease-1')])
        .when(command('MarkListingLet', { leaseId: 'lease-2' }))
        .thenRejects('listing-not-available', { status: 409, details: { leaseId: 'lease-1' } });
      spec.given([created]).when(command('MarkListingLet', { leaseId: null })).thenRejects('listing-not-published');
    });
  });

  describe('when vacated', () => {
    const vacated: ListingEvent = { type: 'brokerage.listing-vacated', data: { listingId, vacatedOn: TODAY, leaseId: 'lease-1' } };

    it('is free again and unlisted', () => {
      const state = spec.given([created, published, letUnder('lease-1')]).when(command('VacateListing', { leaseId: 'lease-1' })).then([vacated]);
      expect(state).toMatchObject({ listing: { status: 'unlisted', leaseId: null } });
    });

    it('takes the same lease ending twice as done', () => {
      spec.given([created, published, letUnder('lease-1'), vacated]).when(command('VacateListing', { leaseId: 'lease-1' })).then([]);
    });

    it('rejects a unit that is not let and the end of another lease', () => {
      spec.given([created, published]).when(command('VacateListing', { leaseId: null })).thenRejects('listing-not-let');
      spec.given([created, published, letUnder('lease-1')]).when(command('VacateListing', { leaseId: 'lease-2' })).thenRejects('listing-let-under-another-lease');
    });
  });
});
