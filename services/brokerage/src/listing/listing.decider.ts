import { BrokerageEvent, ListingCreatedData } from '@kinship/contracts';
import { assertNever, Decider, DomainError } from '@kinship/eventsourcing';
import { IsoDate } from '../domain/calendar';
import { Command, pastDate, requireFen, requireText, todayOf } from '../domain/rules';

/**
 * A listing (房源): one landlord's unit offered through the station. Stream `listing-<stationId>-<listingId>`.
 * Unlisted → published → let → (vacated) unlisted again; a withdrawn listing may be published again.
 */

export type CreateListing = Command<'CreateListing', ListingCreatedData>;
export type PublishListing = Command<'PublishListing', { listingId: string; publishedOn?: IsoDate }>;
export type ChangeListingPrice = Command<
  'ChangeListingPrice',
  { listingId: string; monthlyRentFen: number; depositFen?: number; changedOn?: IsoDate }
>;
export type WithdrawListing = Command<'WithdrawListing', { listingId: string; reason: string; withdrawnOn?: IsoDate }>;
/** `leaseId` null: let outside the station's brokerage. */
export type MarkListingLet = Command<'MarkListingLet', { listingId: string; leaseId: string | null; letOn?: IsoDate }>;
export type VacateListing = Command<'VacateListing', { listingId: string; leaseId: string | null; vacatedOn?: IsoDate }>;

export type ListingCommand = CreateListing | PublishListing | ChangeListingPrice | WithdrawListing | MarkListingLet | VacateListing;

export type ListingEvent = Extract<
  BrokerageEvent,
  {
    type:
      | 'brokerage.listing-created'
      | 'brokerage.listing-published'
      | 'brokerage.listing-price-changed'
      | 'brokerage.listing-withdrawn'
      | 'brokerage.listing-let'
      | 'brokerage.listing-vacated';
  }
>;

export type ListingStatus = 'unlisted' | 'published' | 'withdrawn' | 'let';

export interface ListingRecord extends ListingCreatedData {
  status: ListingStatus;
  /** The lease the unit is let under (null when let outside the brokerage or not let). */
  leaseId: string | null;
  /** The lease whose end last freed the unit, to recognise a repeated vacancy. */
  vacatedByLeaseId: string | null;
}

export type ListingState = { status: 'none' } | { status: 'exists'; listing: ListingRecord };

export const listingDecider: Decider<ListingCommand, ListingState, ListingEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function decide(command: ListingCommand, state: ListingState): ListingEvent[] {
  const today = todayOf(command.metadata);
  if (command.type === 'CreateListing') return create(command.data, state);
  const listing = requireListing(state);
  switch (command.type) {
    case 'PublishListing': {
      if (listing.status === 'published') throw conflict('listing-already-published', 'The listing is already published', listing);
      if (listing.status === 'let') throw conflict('listing-let', 'The unit is let; it can be published again once vacated', listing);
      return [{ type: 'brokerage.listing-published', data: { listingId: listing.listingId, publishedOn: pastDate(command.data.publishedOn, 'publishedOn', today) } }];
    }
    case 'ChangeListingPrice':
      return changePrice(command.data, listing, today);
    case 'WithdrawListing': {
      if (listing.status === 'withdrawn') throw conflict('listing-already-withdrawn', 'The listing is already withdrawn', listing);
      if (listing.status === 'let') throw conflict('listing-let', 'A let unit is not on offer; it cannot be withdrawn', listing);
      const reason = requireText(command.data.reason, 'reason');
      const withdrawnOn = pastDate(command.data.withdrawnOn, 'withdrawnOn', today);
      return [{ type: 'brokerage.listing-withdrawn', data: { listingId: listing.listingId, withdrawnOn, reason } }];
    }
    case 'MarkListingLet':
      return markLet(command.data, listing, today);
    case 'VacateListing':
      return vacate(command.data, listing, today);
    default:
      return assertNever(command);
  }
}

function create(data: ListingCreatedData, state: ListingState): ListingEvent[] {
  if (state.status === 'exists') {
    throw new DomainError('listing-already-exists', 'A listing with this id already exists', 409, { listingId: data.listingId });
  }
  requireFen(data.monthlyRentFen, 'monthlyRentFen');
  requireFen(data.depositFen, 'depositFen', { allowZero: true });
  if (!(data.areaSqm > 0) || !Number.isInteger(data.rooms) || data.rooms < 1) {
    throw new DomainError('invalid-unit', 'A unit has a positive floor area and at least one room', 422, { areaSqm: data.areaSqm, rooms: data.rooms });
  }
  return [{ type: 'brokerage.listing-created', data }];
}

function changePrice(data: ChangeListingPrice['data'], listing: ListingRecord, today: IsoDate): ListingEvent[] {
  if (listing.status === 'let') throw conflict('listing-let', 'The rent of a let unit is the lease’s; change it on renewal', listing);
  const monthlyRentFen = requireFen(data.monthlyRentFen, 'monthlyRentFen');
  const depositFen = requireFen(data.depositFen ?? listing.depositFen, 'depositFen', { allowZero: true });
  if (monthlyRentFen === listing.monthlyRentFen && depositFen === listing.depositFen) {
    throw new DomainError('price-unchanged', 'The rent and the deposit are already these', 422, { monthlyRentFen, depositFen });
  }
  return [
    {
      type: 'brokerage.listing-price-changed',
      data: {
        listingId: listing.listingId,
        monthlyRentFen,
        depositFen,
        previousRentFen: listing.monthlyRentFen,
        previousDepositFen: listing.depositFen,
        changedOn: pastDate(data.changedOn, 'changedOn', today),
      },
    },
  ];
}

function markLet(data: MarkListingLet['data'], listing: ListingRecord, today: IsoDate): ListingEvent[] {
  if (listing.status === 'let') {
    // The lease that already holds the unit asking again (a retried signing) changes nothing.
    if (data.leaseId !== null && listing.leaseId === data.leaseId) return [];
    throw conflict('listing-not-available', 'The unit is already let', listing);
  }
  if (listing.status !== 'published') throw conflict('listing-not-published', 'Only a published listing can be let', listing);
  return [{ type: 'brokerage.listing-let', data: { listingId: listing.listingId, letOn: pastDate(data.letOn, 'letOn', today), leaseId: data.leaseId } }];
}

function vacate(data: VacateListing['data'], listing: ListingRecord, today: IsoDate): ListingEvent[] {
  if (listing.status !== 'let') {
    if (data.leaseId !== null && listing.vacatedByLeaseId === data.leaseId) return [];
    throw conflict('listing-not-let', 'Only a let unit can be vacated', listing);
  }
  if (data.leaseId !== null && listing.leaseId !== data.leaseId) {
    throw conflict('listing-let-under-another-lease', 'The unit is let under another lease', listing);
  }
  const vacatedOn = pastDate(data.vacatedOn, 'vacatedOn', today);
  return [{ type: 'brokerage.listing-vacated', data: { listingId: listing.listingId, vacatedOn, leaseId: listing.leaseId } }];
}

function requireListing(state: ListingState): ListingRecord {
  if (state.status === 'none') throw new DomainError('listing-not-found', 'No listing with this id at the station', 404);
  return state.listing;
}

function conflict(code: string, message: string, listing: ListingRecord): DomainError {
  return new DomainError(code, message, 409, { listingId: listing.listingId, status: listing.status, leaseId: listing.leaseId });
}

function evolve(state: ListingState, event: ListingEvent): ListingState {
  if (event.type === 'brokerage.listing-created') {
    return { status: 'exists', listing: { ...event.data, status: 'unlisted', leaseId: null, vacatedByLeaseId: null } };
  }
  if (state.status === 'none') return state;
  const listing = state.listing;
  switch (event.type) {
    case 'brokerage.listing-published':
      return { status: 'exists', listing: { ...listing, status: 'published' } };
    case 'brokerage.listing-price-changed':
      return { status: 'exists', listing: { ...listing, monthlyRentFen: event.data.monthlyRentFen, depositFen: event.data.depositFen } };
    case 'brokerage.listing-withdrawn':
      return { status: 'exists', listing: { ...listing, status: 'withdrawn' } };
    case 'brokerage.listing-let':
      return { status: 'exists', listing: { ...listing, status: 'let', leaseId: event.data.leaseId } };
    case 'brokerage.listing-vacated':
      return { status: 'exists', listing: { ...listing, status: 'unlisted', leaseId: null, vacatedByLeaseId: event.data.leaseId } };
    default:
      return assertNever(event);
  }
}
