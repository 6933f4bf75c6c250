import { IndicatorRelease } from '@kinship/contracts';
import { canReadDistrictFeed, CurrentPrincipal, isPrincipalPlaced, ORG_DIRECTORY, OrgDirectoryReader, Principal, Roles } from '@kinship/tenancy';
import { Controller, ForbiddenException, Get, Headers, HttpCode, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { ReleaseDocument } from './district-indicators.document';
import { DistrictIndicatorReleases, ReleaseSummary } from './district-indicators.releases';
import { IssueReleaseQuery, ReleaseCellsQuery, ReleaseQuery } from './district-indicators.request.dto';
import { Dhis2DataValueSet, filterCells, toCsv, toDhis2 } from './indicator-formats';
import { publicRelease } from './indicator-release';

/**
 * The district feed over HTTP (DESIGN §4): releases as JSON, CSV and DHIS2 `dataValueSets`. District analysts read
 * their district; a center manager reads the cells of their own chain and its stations; an operator issues
 * releases and lists them but reads no cells.
 */
@ApiTags('district-indicators')
@ApiBearerAuth()
@UseFilters(ProjectionsProblemFilter)
@Controller('district/indicators/releases')
export class DistrictIndicatorsHttpController {
  constructor(
    private readonly releases: DistrictIndicatorReleases,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('operator', 'district-analyst')
  async issue(@CurrentPrincipal() principal: Principal, @Query() query: IssueReleaseQuery): Promise<IndicatorRelease> {
    const release = await this.releases.issue('requested', query.afterPosition);
    // The operator runs the feed but is not one of its readers: the release comes back without its cells.
    const cells = principal.role === 'operator' ? [] : filterCells(release.cells, {}, this.readableBy(principal));
    return { ...publicRelease(release), cells };
  }

  @Get()
  @Roles('operator', 'district-analyst', 'center-manager')
  async list(): Promise<{ releases: ReleaseSummary[] }> {
    return { releases: await this.releases.list() };
  }

  @Get('latest')
  @Roles('district-analyst', 'center-manager')
  @ApiProduces('application/json', 'text/csv')
  async latest(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReleaseQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IndicatorRelease | string> {
    return this.answer(await this.releases.latest(), principal, query, accept, reply);
  }

  @Get(':releaseId')
  @Roles('district-analyst', 'center-manager')
  @ApiProduces('application/json', 'text/csv')
  async one(
    @CurrentPrincipal() principal: Principal,
    @Param('releaseId') releaseId: string,
    @Query() query: ReleaseQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IndicatorRelease | string> {
    return this.answer(await this.releases.get(releaseId), principal, query, accept, reply);
  }

  @Get(':releaseId/dhis2')
  @Roles('district-analyst', 'center-manager')
  async dhis2(@CurrentPrincipal() principal: Principal, @Param('releaseId') releaseId: string, @Query() query: ReleaseCellsQuery): Promise<Dhis2DataValueSet> {
    const release = releaseId === 'latest' ? await this.releases.latest() : await this.releases.get(releaseId);
    return toDhis2(release, filterCells(release.cells, query, this.readableBy(principal)));
  }

  private answer(release: ReleaseDocument, principal: Principal, query: ReleaseQuery, accept: string | undefined, reply: FastifyReply): IndicatorRelease | string {
    const { format, ...filter } = query;
    const cells = filterCells(release.cells, filter, this.readableBy(principal));
    // The hash is the whole release's: a filtered or chain-only answer carries it to say which release it is cut from.
    void reply.header('x-release-id', release.releaseId).header('x-release-content-hash', release.contentHash);
    if (format === 'csv' || (format === undefined && /\btext\/csv\b/.test(accept ?? ''))) {
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${release.releaseId}.csv"`);
      return toCsv(cells);
    }
    return { ...publicRelease(release), cells };
  }

  /** The org units whose cells the principal reads: their district's, or their own chain's. */
  private readableBy(principal: Principal): (orgUnitId: string) => boolean {
    if (!canReadDistrictFeed(principal) || !isPrincipalPlaced(principal, this.org)) {
      throw new ForbiddenException('The district feed is not readable by this user.');
    }
    const home = principal.orgUnitId;
    if (principal.role === 'center-manager') {
      const chain = new Set([home, ...this.org.stationsOf(home).map((s) => s.id)]);
      return (id) => chain.has(id);
    }
    return (id) => this.org.districtOf(id)?.id === home;
  }
}
