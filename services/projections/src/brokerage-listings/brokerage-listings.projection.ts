import {
  HousingFileErased,
  HousingRequestClosed,
  HousingRequested,
  HousingRequestRevised,
  LandlordContactChanged,
  LandlordPersonalDataErased,
  LandlordRegistered,
  ListingCreated,
  ListingLet,
  ListingPriceChanged,
  ListingPublished,
  ListingVacated,
  ListingWithdrawn,
  ResidentPersonalDataErased,
  ViewingOutcomeRecorded,
  ViewingScheduled,
} from '@kinship/contracts';
import { Collection, Document } from '@kinship/documents';
import { EventEnvelope } from '@kinship/contracts';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { centerOf } from '../brokerage-shared/brokerage-read-models';
import { alreadyApplied, markApplied, Projection, ProjectionContext, SourcedDocument } from '../projection/projection';
import {
  HOUSING_REQUESTS,
  HousingRequestDocument,
  LANDLORDS,
  LandlordDocument,
  LISTINGS,
  ListingDocument,
} from './brokerage-listings.document';

export const BROKERAGE_LISTINGS = 'brokerage-listings';

/**
 * Listings on the station's books with their landlords, and residents' housing requests with their viewings: what
 * a clerk searches and matches. Personal data stays ciphertext here and is dropped when the person is erased.
 */
export function brokerageListingsProjection(deps: { org: Pick<OrgDirectoryReader, 'centerOf'> }): Projection {
  return {
    name: BROKERAGE_LISTINGS,
    version: 1,
    categories: ['listing', 'landlord', 'housing', 'resident'],
    collections: {
      [LISTINGS]: { indexes: [{ fields: { stationId: 1, status: 1, monthlyRentFen: 1 } }, { fields: { centerId: 1, status: 1 } }] },
      [LANDLORDS]: {},
      [HOUSING_REQUESTS]: { indexes: [{ fields: { stationId: 1, status: 1 } }, { fields: { residentId: 1 } }] },
    },
    async apply(event: EventEnvelope, ctx: ProjectionContext): Promise<void> {
      const listings = ctx.collection<ListingDocument>(LISTINGS);
      const landlords = ctx.collection<LandlordDocument>(LANDLORDS);
      const requests = ctx.collection<HousingRequestDocument>(HOUSING_REQUESTS);
      switch (event.type) {
        case ListingCreated.type: {
          const data = ListingCreated.schema.parse(event.data);
          const { nearby, ...unit } = data;
          return create(listings, event, data.listingId, {
            ...unit,
            centerId: centerOf(deps.org, data.stationId),
            nearby: nearby ?? [],
            status: 'unlisted',
            leaseId: null,
            publishedOn: null,
            position: event.position,
          });
        }
        case ListingPublished.type: {
          const data = ListingPublished.schema.parse(event.data);
          return change(listings, event, data.listingId, () => ({ status: 'published' as const, publishedOn: data.publishedOn, leaseId: null }));
        }
        case ListingPriceChanged.type: {
          const data = ListingPriceChanged.schema.parse(event.data);
          return change(listings, event, data.listingId, () => ({ monthlyRentFen: data.monthlyRentFen, depositFen: data.depositFen }));
        }
        case ListingWithdrawn.type: {
          const data = ListingWithdrawn.schema.parse(event.data);
          return change(listings, event, data.listingId, () => ({ status: 'withdrawn' as const }));
        }
        case ListingLet.type: {
          const data = ListingLet.schema.parse(event.data);
          return change(listings, event, data.listingId, () => ({ status: 'let' as const, leaseId: data.leaseId }));
        }
        case ListingVacated.type: {
          const data = ListingVacated.schema.parse(event.data);
          return change(listings, event, data.listingId, () => ({ status: 'unlisted' as const, leaseId: null }));
        }
        case LandlordRegistered.type: {
          const data = LandlordRegistered.schema.parse(event.data);
          return create(landlords, event, data.landlordId, { ...data });
        }
        case LandlordContactChanged.type: {
          const data = LandlordContactChanged.schema.parse(event.data);
          return change(landlords, event, data.landlordId, (landlord) => (landlord.contact === null ? {} : { contact: data.contact }));
        }
        case LandlordPersonalDataErased.type: {
          const data = LandlordPersonalDataErased.schema.parse(event.data);
          return change(landlords, event, data.landlordId, () => ({ contact: null }));
        }
        case HousingRequested.type: {
          const data = HousingRequested.schema.parse(event.data);
          return create(requests, event, data.requestId, {
            requestId: data.requestId,
            residentId: data.residentId,
            stationId: data.stationId,
            centerId: centerOf(deps.org, data.stationId),
            budgetFen: data.budgetFen,
            householdSize: data.householdSize,
            workArea: data.workArea,
            moveInBy: data.moveInBy ?? null,
            notes: data.notes ?? null,
            status: 'open',
            leaseId: null,
            requestedOn: data.requestedOn,
            closedOn: null,
            viewings: [],
            position: event.position,
          });
        }
        case HousingRequestRevised.type: {
          const data = HousingRequestRevised.schema.parse(event.data);
          const { budgetFen, householdSize, workArea } = data;
          return change(requests, event, data.requestId, () => ({ budgetFen, householdSize, workArea, moveInBy: data.moveInBy ?? null }));
        }
        case ViewingScheduled.type: {
          const data = ViewingScheduled.schema.parse(event.data);
          return change(requests, event, data.requestId, (request) => ({
            viewings: [...request.viewings, { viewingId: data.viewingId, listingId: data.listingId, scheduledAt: data.scheduledAt, outcome: null }],
          }));
        }
        case ViewingOutcomeRecorded.type: {
          const data = ViewingOutcomeRecorded.schema.parse(event.data);
          return change(requests, event, data.requestId, (request) => ({
            viewings: request.viewings.map((v) => (v.viewingId === data.viewingId ? { ...v, outcome: data.outcome } : v)),
          }));
        }
        case HousingRequestClosed.type: {
          const data = HousingRequestClosed.schema.parse(event.data);
          return change(requests, event, data.requestId, () => ({ status: data.outcome, leaseId: data.leaseId ?? null, closedOn: data.closedOn }));
        }
        case HousingFileErased.type:
        case ResidentPersonalDataErased.type: {
          const { residentId } = (event.type === HousingFileErased.type ? HousingFileErased : ResidentPersonalDataErased).schema.parse(event.data);
          for (const request of await requests.find({ residentId })) {
            await change(requests, event, request._id, (r) => ({ notes: null, status: r.status === 'open' ? 'erased' : r.status }));
          }
          return;
        }
        default:
          return;
      }
    },
  };
}

async function create<T extends SourcedDocument>(collection: Collection<T>, event: EventEnvelope, id: string, fields: Omit<T, '_id' | '_sources'>): Promise<void> {
  const existing = await collection.get(id);
  if (alreadyApplied(existing, event)) return;
  await collection.upsert({ ...fields, _id: id, _sources: markApplied(existing, event) } as unknown as T);
}

/** Applies a change to a document once; a document never created (its first event dead-lettered) is left alone. */
async function change<T extends SourcedDocument & Document>(
  collection: Collection<T>,
  event: EventEnvelope,
  id: string,
  update: (doc: T) => Partial<T>,
): Promise<void> {
  const doc = await collection.get(id);
  if (!doc || alreadyApplied(doc, event)) return;
  await collection.upsert({ ...doc, ...update(doc), _sources: markApplied(doc, event), ...('position' in doc ? { position: event.position } : {}) });
}
