import { Logger } from '@nestjs/common';
import { Collection, Document, DocumentStore } from '@kinship/documents';
import { uuidv7 } from '@kinship/eventsourcing';
import { Principal } from '@kinship/tenancy';
import { DirectoryFilters, HashedSearchTerms } from './resident-directory.queries';

/** Not a read model: the audit is a record of its own and survives every rebuild. */
export const DIRECTORY_AUDIT_COLLECTION = 'directory-audit';

export type DirectoryView = 'center-directory' | 'station-directory' | 'directory-entry';

/** One look by a center manager into a station's residents, kept without any clear personal value. */
export type DirectoryAuditRecord = Document & {
  at: string;
  userId: string;
  role: Principal['role'];
  orgUnitId: string;
  view: DirectoryView;
  centerId: string | null;
  stationId: string | null;
  residentId: string | null;
  /** The non-personal filters as given (status, compound, origin, permit, household, paging). */
  filters: Record<string, string | number>;
  /** Which personal search terms were used, as keyed hashes: who looked for whom, not what they typed. */
  searchedBy: HashedSearchTerms;
  resultCount: number;
  correlationId: string | null;
};

const PERSONAL_FILTERS = ['name', 'phone', 'idNumber'] as const;

/** Records cross-station views of the directory, in the audit collection and as a log line. */
export class DirectoryAudit {
  private readonly logger = new Logger('ResidentDirectory');
  private collection: Promise<Collection<DirectoryAuditRecord>> | null = null;

  constructor(
    private readonly store: DocumentStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: {
    principal: Principal;
    view: DirectoryView;
    centerId: string | null;
    stationId: string | null;
    residentId?: string;
    filters: DirectoryFilters & { page?: number; pageSize?: number };
    searchedBy: HashedSearchTerms;
    resultCount: number;
    correlationId?: string;
  }): Promise<DirectoryAuditRecord> {
    const filters: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(entry.filters)) {
      if (value === undefined || (PERSONAL_FILTERS as readonly string[]).includes(key)) continue;
      filters[key] = value as string | number;
    }
    const record: DirectoryAuditRecord = {
      _id: uuidv7(this.now().getTime()),
      at: this.now().toISOString(),
      userId: entry.principal.userId,
      role: entry.principal.role,
      orgUnitId: entry.principal.orgUnitId,
      view: entry.view,
      centerId: entry.centerId,
      stationId: entry.stationId,
      residentId: entry.residentId ?? null,
      filters,
      searchedBy: entry.searchedBy,
      resultCount: entry.resultCount,
      correlationId: entry.correlationId ?? null,
    };
    await (await this.audit()).upsert(record);
    this.logger.log({
      msg: 'cross-station directory view',
      auditId: record._id,
      userId: record.userId,
      view: record.view,
      centerId: record.centerId,
      stationId: record.stationId,
      filters: record.filters,
      personalFilters: PERSONAL_FILTERS.filter((key) => entry.filters[key] !== undefined),
      resultCount: record.resultCount,
    });
    return record;
  }

  /** The audit trail, newest first (for tests and a future audit view). */
  async list(filter: { userId?: string } = {}, limit = 100): Promise<DirectoryAuditRecord[]> {
    return (await this.audit()).find(filter.userId ? { userId: filter.userId } : {}, { sort: { at: -1, _id: -1 }, limit });
  }

  private audit(): Promise<Collection<DirectoryAuditRecord>> {
    this.collection ??= this.store.collection<DirectoryAuditRecord>(DIRECTORY_AUDIT_COLLECTION, {
      indexes: [{ fields: { userId: 1, at: -1 } }, { fields: { centerId: 1, at: -1 } }],
    });
    return this.collection;
  }
}
