import {
  EventEnvelope,
  HouseholdCreated,
  HouseholdHeadSet,
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  registryUpcasters,
  ResidencePermitApplied,
  ResidencePermitEndorsed,
  ResidencePermitIssued,
  ResidencePermitLapsed,
  ResidencePermitRestored,
  ResidentDetailsCorrected,
  ResidentMovedOut,
  ResidentMovedWithinStation,
  ResidentPersonalDataErased,
  residentPersonalDataSchema,
  ResidentRegistered,
  ResidentReturned,
  ResidentTransferredIn,
  ResidentTransferredOut,
} from '@kinship/contracts';
import { Collection } from '@kinship/documents';
import { FieldCipher, KeyedHasher } from '@kinship/privacy';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { alreadyApplied, markApplied, Projection, ProjectionContext } from '../projection/projection';
import {
  HOUSEHOLDS,
  HouseholdEntry,
  HouseholdRole,
  RESIDENTS,
  ResidentDirectoryEntry,
} from './resident-directory.document';

export interface ResidentDirectoryDependencies {
  cipher: Pick<FieldCipher, 'decrypt'>;
  hasher: Pick<KeyedHasher, 'hashName' | 'hashPhone'>;
  /** Which chain each station belongs to, recorded on the entry for chain-wide queries. */
  org: Pick<OrgDirectoryReader, 'centerOf'>;
}

export const RESIDENT_DIRECTORY = 'resident-directory';

/** A resident-stream event arrived for a resident the directory never saw (its first event was dead-lettered). */
export class ResidentNotProjectedError extends Error {
  constructor(readonly residentId: string, readonly eventType: string) {
    super(`Resident ${residentId} is not in the directory; cannot apply ${eventType}`);
  }
}

type Entry = ResidentDirectoryEntry;
type BlindIndexes = Pick<Entry, 'nameIndex' | 'phoneIndex'>;

/**
 * The chain-wide resident directory (DESIGN §4): one entry per person across moves and transfers,
 * personal fields encrypted, blind indexes for exact search, and nothing personal left after erasure.
 */
export function residentDirectoryProjection(deps: ResidentDirectoryDependencies): Projection {
  const blindIndexes = async (residentId: string, personal: string): Promise<BlindIndexes> => {
    const clear = await deps.cipher.decrypt(residentId, personal);
    const parsed = residentPersonalDataSchema.safeParse(clear);
    // Replayed after an erasure the key is gone: the entry keeps no index it could not recompute.
    if (!parsed.success) return { nameIndex: null, phoneIndex: null };
    const index = (value: string, hash: (v: string) => string) => (value.trim() === '' ? null : hashOrNull(hash, value));
    return {
      nameIndex: index(parsed.data.name, (v) => deps.hasher.hashName(v)),
      phoneIndex: index(parsed.data.phone, (v) => deps.hasher.hashPhone(v)),
    };
  };

  const centerOf = (stationId: string) => deps.org.centerOf(stationId)?.id ?? null;

  const roleIn = async (households: Collection<HouseholdEntry>, householdId: string | undefined, residentId: string) => {
    if (!householdId) return null;
    const household = await households.get(householdId);
    return household?.members.find((m) => m.residentId === residentId)?.relation ?? null;
  };

  async function applyToResident(
    residents: Collection<Entry>,
    event: EventEnvelope,
    residentId: string,
    change: (entry: Entry) => Partial<Entry> | Promise<Partial<Entry>>,
  ): Promise<void> {
    const entry = await residents.get(residentId);
    if (alreadyApplied(entry, event)) return;
    if (!entry) throw new ResidentNotProjectedError(residentId, event.type);
    const changed = await change(entry);
    await residents.upsert({ ...entry, ...changed, _sources: markApplied(entry, event), position: event.position });
  }

  /** Household events touch members that may not be projected yet (other streams): those are skipped. */
  async function applyToMember(
    residents: Collection<Entry>,
    event: EventEnvelope,
    residentId: string,
    change: (entry: Entry) => Partial<Entry> | null,
  ): Promise<void> {
    const entry = await residents.get(residentId);
    if (!entry || alreadyApplied(entry, event)) return;
    const changed = change(entry) ?? {};
    await residents.upsert({ ...entry, ...changed, _sources: markApplied(entry, event), position: event.position });
  }

  async function applyToHousehold(
    households: Collection<HouseholdEntry>,
    event: EventEnvelope,
    householdId: string,
    change: (household: HouseholdEntry) => Partial<HouseholdEntry>,
  ): Promise<void> {
    const household = await households.get(householdId);
    if (!household || alreadyApplied(household, event)) return;
    await households.upsert({ ...household, ...change(household), _sources: markApplied(household, event) });
  }

  async function apply(raw: EventEnvelope, ctx: ProjectionContext): Promise<void> {
    const event = registryUpcasters.upcast(raw);
    const residents = ctx.collection<Entry>(RESIDENTS);
    const households = ctx.collection<HouseholdEntry>(HOUSEHOLDS);
    const erasedKeepsErased = (entry: Entry, status: Entry['status']) => (entry.status === 'erased' ? 'erased' : status);

    switch (event.type) {
      case ResidentRegistered.type: {
        const data = ResidentRegistered.schema.parse(event.data);
        const existing = await residents.get(data.residentId);
        if (alreadyApplied(existing, event)) return;
        await residents.upsert({
          _id: data.residentId,
          _sources: markApplied(existing, event),
          residentId: data.residentId,
          stationId: data.stationId,
          centerId: centerOf(data.stationId),
          homeStream: event.streamId,
          status: 'present',
          sex: data.sex,
          origin: data.origin,
          compound: data.compound,
          occupation: data.occupation ?? null,
          householdId: data.householdId ?? null,
          householdRole: await roleIn(households, data.householdId, data.residentId),
          arrivalDate: data.arrivalDate,
          registeredAt: event.occurredAt,
          permit: { status: 'none', appliedOn: null, issuedOn: null, validUntil: null },
          childrenNeedingSchool: data.childrenNeedingSchool.length,
          movedOutOn: null,
          transferredToStationId: null,
          transferredOn: null,
          erasedAt: null,
          personal: data.personal,
          ...(await blindIndexes(data.residentId, data.personal)),
          idNumberHash: data.idNumberHash,
          position: event.position,
        });
        return;
      }
      case ResidentTransferredIn.type: {
        const data = ResidentTransferredIn.schema.parse(event.data);
        const existing = await residents.get(data.residentId);
        if (alreadyApplied(existing, event)) return;
        const erased = existing?.status === 'erased';
        // The same person moves with their entry: one entry per resident, never one per station.
        await residents.upsert({
          ...(existing ?? {}),
          _id: data.residentId,
          _sources: markApplied(existing, event),
          residentId: data.residentId,
          stationId: data.stationId,
          centerId: centerOf(data.stationId),
          homeStream: event.streamId,
          status: erased ? 'erased' : 'present',
          sex: data.sex,
          origin: data.origin,
          compound: data.compound,
          occupation: data.occupation ?? null,
          householdId: data.householdId ?? null,
          householdRole: await roleIn(households, data.householdId, data.residentId),
          arrivalDate: data.arrivalDate,
          registeredAt: existing?.registeredAt ?? event.occurredAt,
          permit: {
            status: data.permit.status,
            appliedOn: data.permit.appliedOn ?? null,
            issuedOn: data.permit.issuedOn ?? null,
            validUntil: data.permit.validUntil ?? null,
          },
          childrenNeedingSchool: data.childrenNeedingSchool.length,
          movedOutOn: null,
          transferredToStationId: null,
          transferredOn: null,
          erasedAt: existing?.erasedAt ?? null,
          personal: erased ? null : data.personal,
          ...(erased ? { nameIndex: null, phoneIndex: null } : await blindIndexes(data.residentId, data.personal)),
          idNumberHash: erased ? null : data.idNumberHash,
          position: event.position,
        });
        return;
      }
      case ResidentReturned.type: {
        // A return opens the person's one entry at a station with the registry's record of them, as a transfer in
        // does; the day they came back is their arrival there.
        const data = ResidentReturned.schema.parse(event.data);
        const arrival = ResidentTransferredIn.schema.parse({ ...data, transferredOn: data.arrivalDate });
        return apply({ ...event, type: ResidentTransferredIn.type, schemaVersion: ResidentTransferredIn.schemaVersion, data: arrival }, ctx);
      }
      case ResidentTransferredOut.type: {
        const data = ResidentTransferredOut.schema.parse(event.data);
        return applyToResident(residents, event, data.residentId, (entry) =>
          // Arriving late, after the receiving station's transfer-in: the entry already lives there.
          entry.homeStream !== event.streamId
            ? {}
            : {
                status: erasedKeepsErased(entry, 'transferred-out'),
                transferredToStationId: data.toStationId,
                transferredOn: data.transferredOn,
              },
        );
      }
      case ResidentDetailsCorrected.type: {
        const data = ResidentDetailsCorrected.schema.parse(event.data);
        return applyToResident(residents, event, data.residentId, async (entry) => {
          const change: Partial<Entry> = {};
          if (data.sex) change.sex = data.sex;
          if (data.origin) change.origin = data.origin;
          if (data.occupation !== undefined) change.occupation = data.occupation;
          if (data.childrenNeedingSchool) change.childrenNeedingSchool = data.childrenNeedingSchool.length;
          if (entry.status !== 'erased') {
            if (data.personal) Object.assign(change, { personal: data.personal }, await blindIndexes(data.residentId, data.personal));
            if (data.idNumberHash) change.idNumberHash = data.idNumberHash;
          }
          return change;
        });
      }
      case ResidentMovedWithinStation.type: {
        const data = ResidentMovedWithinStation.schema.parse(event.data);
        return applyToResident(residents, event, data.residentId, async (entry) =>
          entry.status === 'erased'
            ? { compound: data.compound }
            : { compound: data.compound, personal: data.personal, ...(await blindIndexes(data.residentId, data.personal)) },
        );
      }
      case ResidentMovedOut.type: {
        const data = ResidentMovedOut.schema.parse(event.data);
        return applyToResident(residents, event, data.residentId, (entry) => ({
          status: erasedKeepsErased(entry, 'moved-out'),
          movedOutOn: data.movedOutOn,
        }));
      }
      case ResidencePermitApplied.type: {
        const data = ResidencePermitApplied.schema.parse(event.data);
        return applyToResident(residents, event, data.residentId, (entry) => ({
          permit: { ...entry.permit, status: 'applied', appliedOn: data.appliedOn },
        }));
      }
      case ResidencePermitIssued.type: {
        const data = ResidencePermitIssued.schema.parse(event.data);
        return applyToResident(residents, event, data.residentId, (entry) => ({
          permit: { ...entry.permit, status: 'issued', issuedOn: data.issuedOn, validUntil: data.validUntil },
        }));
      }
      case ResidencePermitEndorsed.type: {
        const data = ResidencePermitEndorsed.schema.parse(event.data);
        return applyToResident(residents, event, data.residentId, (entry) => ({
          permit: { ...entry.permit, status: 'issued', validUntil: data.validUntil },
        }));
      }
      case ResidencePermitLapsed.type: {
        const data = ResidencePermitLapsed.schema.parse(event.data);
        return applyToResident(residents, event, data.residentId, (entry) => ({
          permit: { ...entry.permit, status: 'lapsed' },
        }));
      }
      case ResidencePermitRestored.type: {
        const data = ResidencePermitRestored.schema.parse(event.data);
        return applyToResident(residents, event, data.residentId, (entry) => ({
          permit: { ...entry.permit, status: 'issued', validUntil: data.validUntil },
        }));
      }
      case ResidentPersonalDataErased.type: {
        const data = ResidentPersonalDataErased.schema.parse(event.data);
        return applyToResident(residents, event, data.residentId, () => ({
          status: 'erased',
          erasedAt: event.occurredAt,
          personal: null,
          nameIndex: null,
          phoneIndex: null,
          idNumberHash: null,
        }));
      }
      case HouseholdCreated.type: {
        const data = HouseholdCreated.schema.parse(event.data);
        const existing = await households.get(data.householdId);
        if (alreadyApplied(existing, event)) return;
        await households.upsert({
          _id: data.householdId,
          _sources: markApplied(existing, event),
          householdId: data.householdId,
          stationId: data.stationId,
          compound: data.compound,
          members: existing?.members ?? [],
          head: existing?.head ?? null,
          formerHead: existing?.formerHead ?? null,
        });
        return;
      }
      case HouseholdMemberAdded.type: {
        const data = HouseholdMemberAdded.schema.parse(event.data);
        await applyToHousehold(households, event, data.householdId, (household) => ({
          members: [
            ...household.members.filter((m) => m.residentId !== data.residentId),
            { residentId: data.residentId, relation: data.relation },
          ],
          head: data.relation === 'head' ? data.residentId : household.head,
        }));
        return applyToMember(residents, event, data.residentId, () => ({
          householdId: data.householdId,
          householdRole: data.relation,
        }));
      }
      case HouseholdMemberRemoved.type: {
        const data = HouseholdMemberRemoved.schema.parse(event.data);
        await applyToHousehold(households, event, data.householdId, (household) => ({
          members: household.members.filter((m) => m.residentId !== data.residentId),
          head: household.head === data.residentId ? null : household.head,
        }));
        return applyToMember(residents, event, data.residentId, (entry) =>
          entry.householdId === data.householdId ? { householdId: null, householdRole: null } : null,
        );
      }
      case HouseholdHeadSet.type: {
        const data = HouseholdHeadSet.schema.parse(event.data);
        const before = await households.get(data.householdId);
        // On a redelivery the household already shows the new head: the former one was kept aside.
        const previousHead = (alreadyApplied(before, event) ? before?.formerHead : before?.head) ?? null;
        // The relation of the former head to the new one is not in the event: 'other' claims nothing.
        const demoted: HouseholdRole = 'other';
        await applyToHousehold(households, event, data.householdId, (household) => ({
          head: data.residentId,
          formerHead: previousHead,
          members: household.members.map((m) =>
            m.residentId === data.residentId
              ? { ...m, relation: 'head' }
              : m.residentId === previousHead
                ? { ...m, relation: demoted }
                : m,
          ),
        }));
        await applyToMember(residents, event, data.residentId, (entry) =>
          entry.householdId === data.householdId ? { householdRole: 'head' } : null,
        );
        if (previousHead && previousHead !== data.residentId) {
          await applyToMember(residents, event, previousHead, (entry) =>
            entry.householdId === data.householdId ? { householdRole: demoted } : null,
          );
        }
        return;
      }
      default:
        // Other registry events (ID-number claims) and future types are not part of the directory.
        return;
    }
  }

  return {
    name: RESIDENT_DIRECTORY,
    version: 1,
    categories: ['resident', 'household'],
    collections: {
      [RESIDENTS]: {
        indexes: [
          { fields: { stationId: 1, status: 1 } },
          { fields: { stationId: 1, compound: 1 } },
          { fields: { centerId: 1 } },
          { fields: { nameIndex: 1 } },
          { fields: { phoneIndex: 1 } },
          { fields: { idNumberHash: 1 } },
          { fields: { stationId: 1, registeredAt: 1 } },
        ],
      },
      [HOUSEHOLDS]: { indexes: [{ fields: { stationId: 1 } }] },
    },
    apply,
  };
}

function hashOrNull(hash: (value: string) => string, value: string): string | null {
  try {
    return hash(value);
  } catch {
    // Normalisation can leave nothing (a phone of only punctuation): such a value is not searchable.
    return null;
  }
}
