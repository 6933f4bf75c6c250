import { HOUSEHOLD_RELATIONS, PERMIT_STATUSES, SEXES } from '@kinship/contracts';
import { SourcedDocument } from '../projection/projection';

export const DIRECTORY_STATUSES = ['present', 'moved-out', 'transferred-out', 'erased'] as const;
export type DirectoryStatus = (typeof DIRECTORY_STATUSES)[number];
export type HouseholdRole = (typeof HOUSEHOLD_RELATIONS)[number];

/**
 * One resident of the chain-wide directory, `_id` = resident id. Personal fields stay encrypted
 * (`personal`); exact search goes through the blind indexes computed when the event was projected.
 */
export type ResidentDirectoryEntry = SourcedDocument & {
  residentId: string;
  stationId: string;
  centerId: string | null;
  /** The stream that put the resident in `stationId`; a transfer-out from any other stream is stale. */
  homeStream: string;
  status: DirectoryStatus;
  sex: (typeof SEXES)[number];
  origin: { province: string; city: string };
  compound: string;
  occupation: string | null;
  householdId: string | null;
  householdRole: HouseholdRole | null;
  arrivalDate: string;
  registeredAt: string;
  permit: {
    status: (typeof PERMIT_STATUSES)[number];
    appliedOn: string | null;
    issuedOn: string | null;
    validUntil: string | null;
  };
  childrenNeedingSchool: number;
  movedOutOn: string | null;
  transferredToStationId: string | null;
  transferredOn: string | null;
  erasedAt: string | null;
  /** Ciphertext of `ResidentPersonalData` under the resident's key; null once erased. */
  personal: string | null;
  nameIndex: string | null;
  phoneIndex: string | null;
  idNumberHash: string | null;
  /** Global position of the last event applied to this entry. */
  position: number;
};

/** A household of one station with its members' relations to the head. */
export type HouseholdEntry = SourcedDocument & {
  householdId: string;
  stationId: string;
  compound: string;
  members: Array<{ residentId: string; relation: HouseholdRole }>;
  head: string | null;
  /** The head before the last head change, so a redelivered change still finds whom it demoted. */
  formerHead: string | null;
};

export const RESIDENTS = 'residents';
export const HOUSEHOLDS = 'households';
