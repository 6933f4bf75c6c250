import { ResidentPersonalData } from '@kinship/contracts';

/** The registry's answer for one resident. `personal` is null once the person has been erased. */
export interface ResidentView {
  residentId: string;
  stationId: string;
  status: 'present' | 'moved-out' | 'transferred-out' | 'erased';
  movedOutOn?: string;
  transferredTo?: string;
  transferredOn?: string;
  sex?: 'female' | 'male';
  origin?: { province: string; city: string };
  arrivalDate?: string;
  compound?: string;
  occupation?: string;
  householdId?: string;
  childrenNeedingSchool?: Array<{ birthYear: number; schoolLevel: string }>;
  consent?: { given: true; recordedAt: string; scope: string[] };
  permit?: {
    status: string;
    appliedOn?: string;
    issuedOn?: string;
    validUntil?: string;
    eligibleFrom: string;
    statusToday: string;
  };
  personal: ResidentPersonalData | null;
  personalMasked?: boolean;
}
