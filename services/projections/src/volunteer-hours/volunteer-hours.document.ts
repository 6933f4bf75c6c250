import { Document } from '@kinship/documents';
import { SourcedDocument } from '../projection/projection';

export type HoursStatus = 'pending' | 'verified' | 'rejected' | 'disputed';
export type VolunteerStatus = 'active' | 'suspended' | 'left' | 'erased';

/** One volunteer, `_id` = volunteer id; the personal document stays encrypted and is masked at query time. */
export type VolunteerDocument = SourcedDocument & {
  volunteerId: string;
  stationId: string;
  centerId: string | null;
  residentId: string | null;
  status: VolunteerStatus;
  /** Ciphertext of the volunteer's name and phone; null once erased. */
  personal: string | null;
  skills: string[];
  languages: string[];
  enrolledOn: string;
  leftOn: string | null;
  position: number;
};

/** One entry of a volunteer's service log as it stands, `_id` = entry id. */
export type HoursEntryDocument = Document & {
  volunteerId: string;
  stationId: string;
  year: number;
  servedOn: string;
  minutes: number;
  status: HoursStatus;
  source: string;
};

/** A volunteer's totals for one year, `_id` = `<volunteerId>:<year>`, recomputed from the entries. */
export type VolunteerYearDocument = Document & {
  volunteerId: string;
  stationId: string;
  centerId: string | null;
  year: number;
  verifiedMinutes: number;
  pendingMinutes: number;
  disputedMinutes: number;
};

export const VOLUNTEERS = 'volunteers';
export const HOURS_ENTRIES = 'entries';
export const VOLUNTEER_YEARS = 'years';
