import { residentPersonalDataSchema } from '@kinship/contracts';
import { Filter } from '@kinship/documents';
import { FieldCipher, KeyedHasher, maskAddress, maskIdNumber, maskName, maskPhone } from '@kinship/privacy';
import { ProjectionRunner } from '../projection/projection-runner';
import { DirectoryStatus, RESIDENTS, ResidentDirectoryEntry } from './resident-directory.document';
import { RESIDENT_DIRECTORY } from './resident-directory.projection';

export interface DirectoryFilters {
  status?: DirectoryStatus;
  compound?: string;
  originProvince?: string;
  permitStatus?: ResidentDirectoryEntry['permit']['status'];
  householdId?: string;
  /** Exact match through the blind index; the clear value never reaches the store. */
  name?: string;
  phone?: string;
  idNumber?: string;
}

/** Where a query may look: one station, or one chain (optionally narrowed to one of its stations). */
export type DirectoryScope = { stationId: string } | { centerId: string; stationId?: string };

/** Personal fields as a directory shows them: masked, never in clear. */
export interface MaskedPersonalData {
  name: string;
  phone: string;
  idNumber: string;
  address: { building: string; unit: string };
}

export interface DirectoryItem {
  residentId: string;
  stationId: string;
  centerId: string | null;
  status: DirectoryStatus;
  sex: ResidentDirectoryEntry['sex'];
  origin: { province: string; city: string };
  compound: string;
  occupation: string | null;
  householdId: string | null;
  householdRole: ResidentDirectoryEntry['householdRole'];
  arrivalDate: string;
  registeredAt: string;
  permit: ResidentDirectoryEntry['permit'];
  childrenNeedingSchool: number;
  /** Null once the person's data was erased (or cannot be read any more). */
  personal: MaskedPersonalData | null;
}

export interface DirectoryPage {
  items: DirectoryItem[];
  page: number;
  pageSize: number;
  total: number;
  /** The log position the directory had reached before it was read. */
  position: number | null;
}

/** Which personal search terms a query used, as keyed hashes: an audit can tell who looked for whom. */
export interface HashedSearchTerms {
  nameIndex?: string;
  phoneIndex?: string;
  idNumberHash?: string;
}

/** Reads the resident directory: filters, blind-index search, paging, and masking at the edge of the store. */
export class ResidentDirectoryQueries {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly cipher: Pick<FieldCipher, 'decrypt'>,
    private readonly hasher: Pick<KeyedHasher, 'hashName' | 'hashPhone' | 'hashIdNumber'>,
  ) {}

  async list(scope: DirectoryScope, filters: DirectoryFilters, paging: { page: number; pageSize: number }): Promise<DirectoryPage> {
    const position = await this.runner.position(RESIDENT_DIRECTORY);
    const residents = this.runner.collection<ResidentDirectoryEntry>(RESIDENT_DIRECTORY, RESIDENTS);
    const terms = this.hashSearchTerms(filters);
    const page = { page: paging.page, pageSize: paging.pageSize, position };
    if (terms === null) return { items: [], total: 0, ...page };
    const filter = this.filterOf(scope, filters, terms);
    const [entries, total] = await Promise.all([
      residents.find(filter, {
        sort: { registeredAt: -1, _id: 1 },
        skip: (paging.page - 1) * paging.pageSize,
        limit: paging.pageSize,
      }),
      residents.count(filter),
    ]);
    const items = await Promise.all(entries.map((entry) => this.toItem(entry)));
    return { items, total, ...page };
  }

  /** One resident of one station, or null when they are not (or no longer) in that station. */
  async get(stationId: string, residentId: string): Promise<DirectoryItem | null> {
    const residents = this.runner.collection<ResidentDirectoryEntry>(RESIDENT_DIRECTORY, RESIDENTS);
    const entry = await residents.get(residentId);
    if (!entry || entry.stationId !== stationId) return null;
    return this.toItem(entry);
  }

  /**
   * The blind indexes of the personal search terms, hashed exactly as the projection hashed the stored
   * values. Null when a term normalises to nothing, which can match no one.
   */
  hashSearchTerms(filters: DirectoryFilters): HashedSearchTerms | null {
    try {
      return {
        ...(filters.name !== undefined ? { nameIndex: this.hasher.hashName(filters.name) } : {}),
        ...(filters.phone !== undefined ? { phoneIndex: this.hasher.hashPhone(filters.phone) } : {}),
        ...(filters.idNumber !== undefined ? { idNumberHash: this.hasher.hashIdNumber(filters.idNumber) } : {}),
      };
    } catch (error) {
      if (error instanceof TypeError) return null;
      throw error;
    }
  }

  private filterOf(scope: DirectoryScope, filters: DirectoryFilters, terms: HashedSearchTerms): Filter {
    const filter: Filter = 'centerId' in scope ? { centerId: scope.centerId } : { stationId: scope.stationId };
    if ('centerId' in scope && scope.stationId !== undefined) filter['stationId'] = scope.stationId;
    if (filters.status !== undefined) filter['status'] = filters.status;
    if (filters.compound !== undefined) filter['compound'] = filters.compound;
    if (filters.originProvince !== undefined) filter['origin.province'] = filters.originProvince;
    if (filters.permitStatus !== undefined) filter['permit.status'] = filters.permitStatus;
    if (filters.householdId !== undefined) filter['householdId'] = filters.householdId;
    if (terms.nameIndex !== undefined) filter['nameIndex'] = terms.nameIndex;
    if (terms.phoneIndex !== undefined) filter['phoneIndex'] = terms.phoneIndex;
    if (terms.idNumberHash !== undefined) filter['idNumberHash'] = terms.idNumberHash;
    return filter;
  }

  private async toItem(entry: ResidentDirectoryEntry): Promise<DirectoryItem> {
    return {
      residentId: entry.residentId,
      stationId: entry.stationId,
      centerId: entry.centerId,
      status: entry.status,
      sex: entry.sex,
      origin: entry.origin,
      compound: entry.compound,
      occupation: entry.occupation,
      householdId: entry.householdId,
      householdRole: entry.householdRole,
      arrivalDate: entry.arrivalDate,
      registeredAt: entry.registeredAt,
      permit: entry.permit,
      childrenNeedingSchool: entry.childrenNeedingSchool,
      personal: await this.maskedPersonal(entry),
    };
  }

  private async maskedPersonal(entry: ResidentDirectoryEntry): Promise<MaskedPersonalData | null> {
    if (entry.personal === null) return null;
    const parsed = residentPersonalDataSchema.safeParse(await this.cipher.decrypt(entry.residentId, entry.personal));
    if (!parsed.success) return null;
    const { name, phone, idNumber, address } = parsed.data;
    return {
      name: maskName(name),
      phone: maskPhone(phone),
      idNumber: maskIdNumber(idNumber),
      address: { building: maskAddress(address.building), unit: maskAddress(address.unit) },
    };
  }
}
