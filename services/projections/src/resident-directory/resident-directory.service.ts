import { canReadChain, canReadStation, OrgDirectoryReader, Principal, RequestContext } from '@kinship/tenancy';
import { ProjectionRunner } from '../projection/projection-runner';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { DirectoryAudit } from './directory-audit';
import { DEFAULT_PAGE_SIZE } from './directory-query.request.dto';
import { RESIDENT_DIRECTORY } from './resident-directory.projection';
import { DirectoryFilters, DirectoryItem, DirectoryPage, ResidentDirectoryQueries } from './resident-directory.queries';

/** The caller may not see this station's or chain's directory; says nothing about whether it exists. */
export class DirectoryAccessDeniedError extends Error {
  override readonly name = 'DirectoryAccessDeniedError';
}

/** The resident is not in the directory of that station (never was, or moved to another chain's station). */
export class DirectoryEntryNotFoundError extends Error {
  override readonly name = 'DirectoryEntryNotFoundError';
  constructor(
    readonly stationId: string,
    readonly residentId: string,
  ) {
    super(`Resident ${residentId} is not in the directory of station ${stationId}`);
  }
}

export interface DirectoryRequest {
  filters: DirectoryFilters;
  page?: number;
  pageSize?: number;
  afterPosition?: number;
}

/**
 * The directory's use cases: who may read which station or chain, read-your-writes, and the audit of
 * every view across stations.
 */
export class ResidentDirectoryService {
  constructor(
    private readonly queries: ResidentDirectoryQueries,
    private readonly runner: ProjectionRunner,
    private readonly org: OrgDirectoryReader,
    private readonly audit: DirectoryAudit,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async station(principal: Principal, stationId: string, request: DirectoryRequest): Promise<DirectoryPage> {
    if (!canReadStation(principal, stationId, this.org)) {
      throw new DirectoryAccessDeniedError(`The directory of station ${stationId} is not readable by this user.`);
    }
    await this.caughtUp(request.afterPosition);
    const paging = pagingOf(request);
    const result = await this.queries.list({ stationId }, request.filters, paging);
    if (principal.role === 'center-manager') {
      await this.recordView(principal, 'station-directory', this.org.centerOf(stationId)?.id ?? null, stationId, request, result.total);
    }
    return result;
  }

  async center(principal: Principal, centerId: string, request: DirectoryRequest & { stationId?: string }): Promise<DirectoryPage> {
    if (!canReadChain(principal, centerId, this.org)) {
      throw new DirectoryAccessDeniedError(`The directory of center ${centerId} is not readable by this user.`);
    }
    if (request.stationId !== undefined && this.org.centerOf(request.stationId)?.id !== centerId) {
      throw new DirectoryAccessDeniedError(`Station ${request.stationId} is not part of center ${centerId}.`);
    }
    await this.caughtUp(request.afterPosition);
    const paging = pagingOf(request);
    const result = await this.queries.list({ centerId, stationId: request.stationId }, request.filters, paging);
    await this.recordView(principal, 'center-directory', centerId, request.stationId ?? null, request, result.total);
    return result;
  }

  async entry(principal: Principal, stationId: string, residentId: string, afterPosition?: number): Promise<DirectoryItem> {
    if (!canReadStation(principal, stationId, this.org)) {
      throw new DirectoryAccessDeniedError(`The directory of station ${stationId} is not readable by this user.`);
    }
    await this.caughtUp(afterPosition);
    const item = await this.queries.get(stationId, residentId);
    if (principal.role === 'center-manager') {
      await this.audit.record({
        principal,
        view: 'directory-entry',
        centerId: this.org.centerOf(stationId)?.id ?? null,
        stationId,
        residentId,
        filters: {},
        searchedBy: {},
        resultCount: item ? 1 : 0,
        correlationId: RequestContext.current()?.correlationId,
      });
    }
    if (!item) throw new DirectoryEntryNotFoundError(stationId, residentId);
    return item;
  }

  private caughtUp(afterPosition: number | undefined): Promise<void> {
    return this.readYourWrites.after(afterPosition, RESIDENT_DIRECTORY);
  }

  private async recordView(
    principal: Principal,
    view: 'station-directory' | 'center-directory',
    centerId: string | null,
    stationId: string | null,
    request: DirectoryRequest,
    resultCount: number,
  ): Promise<void> {
    const { page, pageSize } = pagingOf(request);
    await this.audit.record({
      principal,
      view,
      centerId,
      stationId,
      filters: { ...request.filters, page, pageSize },
      searchedBy: this.queries.hashSearchTerms(request.filters) ?? {},
      resultCount,
      correlationId: RequestContext.current()?.correlationId,
    });
  }
}

function pagingOf(request: { page?: number; pageSize?: number }): { page: number; pageSize: number } {
  return { page: request.page ?? 1, pageSize: request.pageSize ?? DEFAULT_PAGE_SIZE };
}
