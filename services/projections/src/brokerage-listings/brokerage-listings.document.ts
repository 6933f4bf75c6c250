import { VIEWING_OUTCOMES } from '@kinship/contracts';
import { SourcedDocument } from '../projection/projection';

export const LISTINGS = 'listings';
export const LANDLORDS = 'landlords';
export const HOUSING_REQUESTS = 'housing-requests';

export const LISTING_STATUSES = ['unlisted', 'published', 'withdrawn', 'let'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export type ListingDocument = SourcedDocument & {
  listingId: string;
  stationId: string;
  centerId: string | null;
  landlordId: string;
  compound: string;
  building: string;
  unit: string;
  room: string;
  areaSqm: number;
  rooms: number;
  monthlyRentFen: number;
  depositFen: number;
  photos: string[];
  nearby: string[];
  status: ListingStatus;
  leaseId: string | null;
  publishedOn: string | null;
  position: number;
};

/** A landlord's contact, still ciphertext under the landlord's key; null once they were erased. */
export type LandlordDocument = SourcedDocument & { landlordId: string; stationId: string; contact: string | null };

export const HOUSING_REQUEST_STATUSES = ['open', 'housed', 'withdrawn', 'erased'] as const;
export type HousingRequestStatus = (typeof HOUSING_REQUEST_STATUSES)[number];

export type HousingRequestDocument = SourcedDocument & {
  requestId: string;
  residentId: string;
  stationId: string;
  centerId: string | null;
  budgetFen: number;
  householdSize: number;
  workArea: string;
  moveInBy: string | null;
  /** Ciphertext under the resident's key; null once they were erased. */
  notes: string | null;
  status: HousingRequestStatus;
  leaseId: string | null;
  requestedOn: string;
  closedOn: string | null;
  viewings: Array<{ viewingId: string; listingId: string; scheduledAt: string; outcome: (typeof VIEWING_OUTCOMES)[number] | null }>;
  position: number;
};
