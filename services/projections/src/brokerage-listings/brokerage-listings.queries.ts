import { landlordContactSchema, residentNoteSchema } from '@kinship/contracts';
import { Filter } from '@kinship/documents';
import { DomainError } from '@kinship/eventsourcing';
import { FieldCipher, maskName, maskPhone } from '@kinship/privacy';
import { ORG_DIRECTORY, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { BrokeragePageQuery, pagingOf } from '../brokerage-shared/brokerage-query.request.dto';
import { Page, requireChainReader, seesInFull } from '../brokerage-shared/brokerage-read-models';
import { ProjectionRunner } from '../projection/projection-runner';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { PERSONAL_DATA_CIPHER } from '../projections.tokens';
import {
  HOUSING_REQUESTS,
  HousingRequestDocument,
  LANDLORDS,
  LandlordDocument,
  LISTINGS,
  ListingDocument,
} from './brokerage-listings.document';
import { BROKERAGE_LISTINGS } from './brokerage-listings.projection';
import { ChainListingSearchQuery, HousingRequestQuery, ListingSearchQuery, SuggestionQuery } from './brokerage-listings.request.dto';
import { Fit, rankByFit } from './listing-fit';

export type ListingView = Omit<ListingDocument, '_id' | '_sources' | 'position'> & {
  /** In full for the station's own staff, masked for the chain's manager, null once the landlord was erased. */
  landlord: { landlordId: string; name: string; phone: string } | null;
};
export type HousingRequestView = Omit<HousingRequestDocument, '_id' | '_sources' | 'notes' | 'position'> & { notes: string | null };

/** Open listings and housing requests, and the listings that fit a request best. */
@Injectable()
export class BrokerageListingsQueries {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(PERSONAL_DATA_CIPHER) private readonly cipher: Pick<FieldCipher, 'decrypt'>,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async stationListings(principal: Principal, stationId: string, query: ListingSearchQuery): Promise<Page<ListingView>> {
    return this.listings(principal, { stationId, ...searchFilter(query) }, query);
  }

  async chainListings(principal: Principal, centerId: string, query: ChainListingSearchQuery): Promise<Page<ListingView>> {
    requireChainReader(principal, centerId, this.org);
    return this.listings(principal, { centerId, ...(query.stationId ? { stationId: query.stationId } : {}), ...searchFilter(query) }, query);
  }

  async listing(principal: Principal, stationId: string, listingId: string, afterPosition?: number): Promise<ListingView> {
    await this.caughtUp(afterPosition);
    const listing = await this.collection<ListingDocument>(LISTINGS).get(listingId);
    if (!listing || listing.stationId !== stationId) throw new DomainError('listing-not-found', 'No listing with this id at the station', 404);
    return this.listingView(principal, listing);
  }

  async housingRequests(principal: Principal, stationId: string, query: HousingRequestQuery): Promise<Page<HousingRequestView>> {
    await this.caughtUp(query.afterPosition);
    const filter: Filter = { stationId, status: query.status ?? 'open' };
    const { page, pageSize, skip } = pagingOf(query);
    const requests = this.collection<HousingRequestDocument>(HOUSING_REQUESTS);
    const [found, total] = await Promise.all([requests.find(filter, { sort: { requestedOn: 1, _id: 1 }, skip, limit: pageSize }), requests.count(filter)]);
    const items = await Promise.all(found.map((request) => this.requestView(principal, request)));
    return { items, total, page, pageSize, position: await this.runner.position(BROKERAGE_LISTINGS) };
  }

  async suggestions(
    principal: Principal,
    stationId: string,
    requestId: string,
    query: SuggestionQuery,
  ): Promise<{ request: HousingRequestView; suggestions: Array<ListingView & { fit: Fit }> }> {
    await this.caughtUp(query.afterPosition);
    const request = await this.collection<HousingRequestDocument>(HOUSING_REQUESTS).get(requestId);
    if (!request || request.stationId !== stationId) throw new DomainError('housing-request-not-found', 'No housing request with this id at the station', 404);
    const open = await this.collection<ListingDocument>(LISTINGS).find({ stationId, status: 'published', monthlyRentFen: { $lte: request.budgetFen } });
    const ranked = rankByFit(request, open).slice(0, query.limit ?? 10);
    const suggestions = await Promise.all(ranked.map(async ({ fit, ...listing }) => ({ ...(await this.listingView(principal, listing)), fit })));
    return { request: await this.requestView(principal, request), suggestions };
  }

  private async listings(principal: Principal, filter: Filter, query: BrokeragePageQuery): Promise<Page<ListingView>> {
    await this.caughtUp(query.afterPosition);
    const { page, pageSize, skip } = pagingOf(query);
    const listings = this.collection<ListingDocument>(LISTINGS);
    const [found, total] = await Promise.all([listings.find(filter, { sort: { monthlyRentFen: 1, _id: 1 }, skip, limit: pageSize }), listings.count(filter)]);
    const items = await Promise.all(found.map((listing) => this.listingView(principal, listing)));
    return { items, total, page, pageSize, position: await this.runner.position(BROKERAGE_LISTINGS) };
  }

  private async listingView(principal: Principal, listing: ListingDocument): Promise<ListingView> {
    const { _id, _sources, position: _position, ...fields } = listing;
    const landlord = await this.collection<LandlordDocument>(LANDLORDS).get(listing.landlordId);
    const contact = landlord?.contact ? landlordContactSchema.safeParse(await this.cipher.decrypt(landlord.landlordId, landlord.contact)) : null;
    if (!contact?.success) return { ...fields, landlord: null };
    const full = seesInFull(principal, listing.stationId);
    const { name, phone } = contact.data;
    return { ...fields, landlord: { landlordId: listing.landlordId, name: full ? name : maskName(name), phone: full ? phone : maskPhone(phone) } };
  }

  private async requestView(principal: Principal, request: HousingRequestDocument): Promise<HousingRequestView> {
    const { _id, _sources, position: _position, notes, ...fields } = request;
    if (!notes || !seesInFull(principal, request.stationId)) return { ...fields, notes: null };
    const clear = residentNoteSchema.safeParse(await this.cipher.decrypt(request.residentId, notes));
    return { ...fields, notes: clear.success ? clear.data.text : null };
  }

  private collection<T extends ListingDocument | LandlordDocument | HousingRequestDocument>(logical: string) {
    return this.runner.collection<T>(BROKERAGE_LISTINGS, logical);
  }

  private caughtUp(afterPosition: number | undefined): Promise<void> {
    return this.readYourWrites.after(afterPosition, BROKERAGE_LISTINGS);
  }
}

function searchFilter(query: ListingSearchQuery): Filter {
  const filter: Filter = { status: query.status ?? 'published' };
  if (query.compound !== undefined) filter['compound'] = query.compound;
  if (query.maxRentFen !== undefined) filter['monthlyRentFen'] = { $lte: query.maxRentFen };
  if (query.minRooms !== undefined) filter['rooms'] = { $gte: query.minRooms };
  if (query.minAreaSqm !== undefined) filter['areaSqm'] = { $gte: query.minAreaSqm };
  if (query.near !== undefined) filter['$or'] = [{ compound: query.near }, { nearby: query.near }];
  return filter;
}
