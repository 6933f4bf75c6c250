import { z } from 'zod';
import { defineEvent, EventContract, Upcaster, Upcasters } from '../envelope/catalogue';
import { EventEnvelope } from '../envelope/envelope';

/**
 * Events of the registry (登记) of new citizens (新市民): residents (居民), households (户),
 * moves, transfers between stations and residence permits (居住证).
 *
 * Personal data (name, ID number, phone, birth date, address within the compound, employer) never
 * travels in clear text: it is the `personal` field, AES-256-GCM ciphertext under the resident's own
 * key (see libs/privacy). Erasing the key erases the person everywhere.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const isoInstant = z.string().datetime({ offset: true });
/** Ciphertext of a `ResidentPersonalData` JSON document, under the key of `residentId`. */
const ciphertext = z.string().min(1);

export const SEXES = ['female', 'male'] as const;
export const PERMIT_STATUSES = ['none', 'applied', 'issued', 'lapsed'] as const;
export const HOUSEHOLD_RELATIONS = ['head', 'spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other'] as const;

/** The clear-text shape inside `personal` once decrypted. */
export const residentPersonalDataSchema = z.object({
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  birthDate: isoDate,
  address: z.object({ building: z.string(), unit: z.string(), room: z.string().optional() }),
  employer: z.string().optional(),
});
export type ResidentPersonalData = z.infer<typeof residentPersonalDataSchema>;

const origin = z.object({ province: z.string().min(1), city: z.string().min(1) });
const child = z.object({ birthYear: z.number().int(), schoolLevel: z.enum(['kindergarten', 'primary', 'junior-secondary']) });
const consent = z.object({ given: z.literal(true), recordedAt: isoInstant, scope: z.array(z.string()).min(1) });
const permitSnapshot = z.object({
  status: z.enum(PERMIT_STATUSES),
  appliedOn: isoDate.optional(),
  issuedOn: isoDate.optional(),
  validUntil: isoDate.optional(),
});

export const ResidentRegistered = defineEvent(
  'registry.resident-registered',
  2,
  z.object({
    residentId: z.string(),
    stationId: z.string(),
    personal: ciphertext,
    /** Keyed hash of the ID number: the only form in which duplicates are detected. */
    idNumberHash: z.string(),
    sex: z.enum(SEXES),
    origin,
    arrivalDate: isoDate,
    compound: z.string(),
    occupation: z.string().optional(),
    householdId: z.string().optional(),
    childrenNeedingSchool: z.array(child),
    consent,
  }),
);

/** v1 carried the origin as one free-text string "province city"; v2 splits it. */
export const residentRegisteredV1ToV2: Upcaster = {
  type: ResidentRegistered.type,
  fromVersion: 1,
  upcast(data) {
    const { origin, ...rest } = data as { origin: string } & Record<string, unknown>;
    const [province, ...city] = origin.trim().split(/\s+/);
    return { ...rest, origin: { province, city: city.join(' ') || province } };
  },
};

export const ResidentDetailsCorrected = defineEvent(
  'registry.resident-details-corrected',
  1,
  z.object({
    residentId: z.string(),
    /** The whole personal document again when any personal field changed. */
    personal: ciphertext.optional(),
    idNumberHash: z.string().optional(),
    sex: z.enum(SEXES).optional(),
    origin: origin.optional(),
    occupation: z.string().optional(),
    childrenNeedingSchool: z.array(child).optional(),
    reason: z.string(),
  }),
);

export const ResidentMovedWithinStation = defineEvent(
  'registry.resident-moved-within-station',
  1,
  z.object({ residentId: z.string(), compound: z.string(), personal: ciphertext, movedOn: isoDate }),
);

export const ResidentMovedOut = defineEvent(
  'registry.resident-moved-out',
  1,
  z.object({ residentId: z.string(), movedOutOn: isoDate, reason: z.string() }),
);

export const ResidentTransferredOut = defineEvent(
  'registry.resident-transferred-out',
  1,
  z.object({ residentId: z.string(), toStationId: z.string(), transferredOn: isoDate }),
);

/** Opens the resident's stream at the receiving station, carrying what the registry knows. */
/** What the registry knows of a resident, carried to the stream of the station they arrive at. */
const residentRecordShape = {
  personal: ciphertext,
  idNumberHash: z.string(),
  sex: z.enum(SEXES),
  origin,
  compound: z.string(),
  occupation: z.string().optional(),
  householdId: z.string().optional(),
  childrenNeedingSchool: z.array(child),
  consent,
  permit: permitSnapshot,
};

export const ResidentTransferredIn = defineEvent(
  'registry.resident-transferred-in',
  1,
  z.object({
    residentId: z.string(),
    stationId: z.string(),
    fromStationId: z.string(),
    transferredOn: isoDate,
    arrivalDate: isoDate,
    ...residentRecordShape,
  }),
);

/**
 * A resident who had moved out comes back to a station of the district (回流): the same person, the same ID-number
 * claim, a new arrival. Opens (or reopens) the resident's stream at that station with the registry's record of them,
 * taken from the stream they moved out of.
 */
export const ResidentReturned = defineEvent(
  'registry.resident-returned',
  1,
  z.object({
    residentId: z.string(),
    stationId: z.string(),
    /** The station whose stream holds the move-out this return ends. */
    fromStationId: z.string(),
    movedOutOn: isoDate,
    /** The day of the return: the new arrival date, from which six months of residence count again. */
    arrivalDate: isoDate,
    ...residentRecordShape,
  }),
);

/** The resident's own record of the household (户) they belong to, mirroring the household's member list. */
export const ResidentJoinedHousehold = defineEvent(
  'registry.resident-joined-household',
  1,
  z.object({ residentId: z.string(), householdId: z.string() }),
);
export const ResidentLeftHousehold = defineEvent(
  'registry.resident-left-household',
  1,
  z.object({ residentId: z.string(), householdId: z.string() }),
);

export const ResidencePermitApplied = defineEvent(
  'registry.residence-permit-applied',
  1,
  z.object({ residentId: z.string(), appliedOn: isoDate }),
);
export const ResidencePermitIssued = defineEvent(
  'registry.residence-permit-issued',
  1,
  z.object({ residentId: z.string(), issuedOn: isoDate, validUntil: isoDate }),
);
export const ResidencePermitEndorsed = defineEvent(
  'registry.residence-permit-endorsed',
  1,
  z.object({ residentId: z.string(), endorsedOn: isoDate, validUntil: isoDate }),
);
export const ResidencePermitLapsed = defineEvent(
  'registry.residence-permit-lapsed',
  1,
  z.object({ residentId: z.string(), lapsedOn: isoDate }),
);
export const ResidencePermitRestored = defineEvent(
  'registry.residence-permit-restored',
  1,
  z.object({ residentId: z.string(), restoredOn: isoDate, validUntil: isoDate }),
);

export const ResidentPersonalDataErased = defineEvent(
  'registry.resident-personal-data-erased',
  1,
  z.object({ residentId: z.string(), requestedBy: z.string(), reason: z.string() }),
);

/** District-wide claim of one ID number, on the stream `idnumber-district-<hash>`. */
export const IdNumberClaimed = defineEvent(
  'registry.id-number-claimed',
  1,
  z.object({ idNumberHash: z.string(), residentId: z.string(), stationId: z.string() }),
);
/**
 * The holder of the claim moved out of the district's view: the number stays theirs, and a new registration of it
 * is told to record the resident's return instead. Claiming the number again (a return) clears it.
 */
export const IdNumberHolderMovedOut = defineEvent(
  'registry.id-number-holder-moved-out',
  1,
  z.object({ idNumberHash: z.string(), residentId: z.string(), stationId: z.string(), movedOutOn: isoDate }),
);
export const IdNumberReleased = defineEvent(
  'registry.id-number-released',
  1,
  z.object({ idNumberHash: z.string(), residentId: z.string() }),
);

export const HouseholdCreated = defineEvent(
  'registry.household-created',
  1,
  z.object({ householdId: z.string(), stationId: z.string(), compound: z.string() }),
);
export const HouseholdMemberAdded = defineEvent(
  'registry.household-member-added',
  1,
  z.object({ householdId: z.string(), residentId: z.string(), relation: z.enum(HOUSEHOLD_RELATIONS) }),
);
export const HouseholdMemberRemoved = defineEvent(
  'registry.household-member-removed',
  1,
  z.object({ householdId: z.string(), residentId: z.string() }),
);
export const HouseholdHeadSet = defineEvent(
  'registry.household-head-set',
  1,
  z.object({ householdId: z.string(), residentId: z.string() }),
);

/**
 * A station's count of its whole community (社区人口普查, new and old residents alike): the denominator the district
 * reads new-citizen figures against. Recorded by the station lead as of a day, on the stream `census-<stationId>`.
 */
export const CommunityCensusRecorded = defineEvent(
  'registry.community-census-recorded',
  1,
  z.object({
    stationId: z.string(),
    asOf: isoDate,
    households: z.number().int().nonnegative(),
    residents: z.number().int().nonnegative(),
  }),
);

export const registryEventContracts = [
  ResidentRegistered,
  ResidentDetailsCorrected,
  ResidentMovedWithinStation,
  ResidentMovedOut,
  ResidentTransferredOut,
  ResidentTransferredIn,
  ResidentReturned,
  ResidentJoinedHousehold,
  ResidentLeftHousehold,
  ResidencePermitApplied,
  ResidencePermitIssued,
  ResidencePermitEndorsed,
  ResidencePermitLapsed,
  ResidencePermitRestored,
  ResidentPersonalDataErased,
  IdNumberClaimed,
  IdNumberHolderMovedOut,
  IdNumberReleased,
  HouseholdCreated,
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  HouseholdHeadSet,
  CommunityCensusRecorded,
] as const;

export const registryUpcasters = new Upcasters([...registryEventContracts], [residentRegisteredV1ToV2]);

type DataOf<C> = C extends EventContract<infer _T, infer S> ? z.infer<S> : never;
type EventOf<C> = C extends EventContract<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

/** The registry's events as a discriminated union of `{ type, data }`. */
export type RegistryEvent = EventOf<(typeof registryEventContracts)[number]>;
export type RegistryEventType = RegistryEvent['type'];
export type RegistryEventEnvelope = EventEnvelope<RegistryEventType> & RegistryEvent;
export type ResidentRegisteredData = DataOf<typeof ResidentRegistered>;
export type ResidentTransferredInData = DataOf<typeof ResidentTransferredIn>;
export type ResidentReturnedData = DataOf<typeof ResidentReturned>;
export type CommunityCensusRecordedData = DataOf<typeof CommunityCensusRecorded>;

/** Stream ids: one helper per aggregate (DESIGN §2). */
export const registryStreams = {
  resident: (stationId: string, residentId: string) => `resident-${stationId}-${residentId}`,
  household: (stationId: string, householdId: string) => `household-${stationId}-${householdId}`,
  idNumberClaim: (districtId: string, idNumberHash: string) => `idnumber-${districtId}-${idNumberHash}`,
  /** One census history per station: the station is both the tenant and the id. */
  census: (stationId: string) => `census-${stationId}`,
} as const;
export const REGISTRY_CATEGORIES = ['resident', 'household', 'idnumber', 'census'] as const;
