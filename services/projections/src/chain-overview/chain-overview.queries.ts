import { CASE_GROUPS, CaseGroup, SlaStatus } from '@kinship/contracts';
import { ORG_DIRECTORY, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { BROKERAGE_LEASES } from '../brokerage-leases/brokerage-leases.projection';
import { BrokerageLeasesQueries } from '../brokerage-leases/brokerage-leases.queries';
import { BROKERAGE_LISTINGS } from '../brokerage-listings/brokerage-listings.projection';
import { BrokerageListingsQueries } from '../brokerage-listings/brokerage-listings.queries';
import { requireChainReader } from '../brokerage-shared/brokerage-read-models';
import { CASE_QUEUE } from '../case-queue/case-queue.projection';
import { CaseQueueService, QueueItem } from '../case-queue/case-queue.service';
import { STATION_LEDGER } from '../ledger/ledger.projection';
import { IncomeStatement, LedgerQueries } from '../ledger/ledger.queries';
import { ProjectionRunner } from '../projection/projection-runner';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { RESIDENT_DIRECTORY } from '../resident-directory/resident-directory.projection';
import { ResidentDirectoryQueries } from '../resident-directory/resident-directory.queries';
import { addCounts, DailyCounts, emptyCounts } from '../station-statistics/station-statistics.document';
import { dateAt, STATION_STATISTICS } from '../station-statistics/station-statistics.projection';
import { StationStatisticsQueries } from '../station-statistics/station-statistics.queries';
import { VOLUNTEER_HOURS } from '../volunteer-hours/volunteer-hours.projection';
import { VolunteerHoursQueries } from '../volunteer-hours/volunteer-hours.queries';
import { ChainOverviewQuery } from './chain-overview.request.dto';

/** Every read model the overview reads: a read-your-writes query waits for all of them. */
export const OVERVIEW_SOURCES = [RESIDENT_DIRECTORY, CASE_QUEUE, STATION_STATISTICS, STATION_LEDGER, VOLUNTEER_HOURS, BROKERAGE_LISTINGS, BROKERAGE_LEASES] as const;

const SLA_STATUSES: readonly SlaStatus[] = ['on-track', 'warning', 'breached', 'met', 'missed'];
/** Open cases of one working group by the SLA status they have now. */
export type GroupCases = { total: number } & Record<SlaStatus, number>;
export type OpenCases = { total: number; byGroup: Record<CaseGroup, GroupCases> };

export type LedgerMonthToDate = Pick<IncomeStatement, 'netFeeRevenueFen' | 'grantRevenueFen' | 'revenueFen' | 'operatingExpensesFen' | 'surplusFen'>;

export interface OverviewFigures {
  residentsPresent: number;
  openCases: OpenCases;
  /** The station statistics of the day asked for, and from the first of its month up to it. */
  today: DailyCounts;
  monthToDate: DailyCounts;
  ledgerMonthToDate: LedgerMonthToDate;
  volunteers: { members: number; verifiedMinutes: number };
  openListings: number;
  activeLeases: number;
}

export type StationOverview = { stationId: string; name: string } & OverviewFigures;

export interface ChainOverview {
  centerId: string;
  asOf: string;
  month: string;
  year: number;
  stations: StationOverview[];
  total: OverviewFigures;
  /** The chain-wide views behind these figures. */
  links: Record<string, string>;
  /** How far each read model behind the overview had got. */
  positions: Record<string, number | null>;
}

/**
 * The center manager's one page on the chain: per station and in total, the residents present, the open cases, the
 * day's and month's statistics, the month's ledger, the year's volunteer hours, and the listings and leases open,
 * each from the read model's own queries.
 */
@Injectable()
export class ChainOverviewQueries {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
    private readonly readYourWrites: ReadYourWrites,
    private readonly directory: ResidentDirectoryQueries,
    private readonly cases: CaseQueueService,
    private readonly statistics: StationStatisticsQueries,
    private readonly ledger: LedgerQueries,
    private readonly hours: VolunteerHoursQueries,
    private readonly listings: BrokerageListingsQueries,
    private readonly leases: BrokerageLeasesQueries,
  ) {}

  async chain(principal: Principal, centerId: string, query: ChainOverviewQuery, now = new Date()): Promise<ChainOverview> {
    requireChainReader(principal, centerId, this.org);
    await this.readYourWrites.after(query.afterPosition, ...OVERVIEW_SOURCES);
    const asOf = query.asOf ?? dateAt(now.toISOString());
    const month = asOf.slice(0, 7);
    const year = Number(asOf.slice(0, 4));
    const units = this.org.stationsOf(centerId);
    const stationIds = units.map((unit) => unit.id);

    const [today, monthToDate, openCases, income, hours] = await Promise.all([
      this.statistics.ranges(stationIds, asOf, asOf),
      this.statistics.ranges(stationIds, `${month}-01`, asOf),
      this.openCases(principal, centerId, now),
      this.ledger.chainIncomeStatement(principal, centerId, { from: month }),
      this.hours.chain(principal, centerId, { year }),
    ]);
    const stations = await Promise.all(
      units.map(async ({ id: stationId, name }): Promise<StationOverview> => {
        const statement = income.stations.find((station) => station.stationId === stationId);
        const volunteers = hours.stations.find((station) => station.stationId === stationId);
        return {
          stationId,
          name,
          residentsPresent: (await this.directory.list({ centerId, stationId }, { status: 'present' }, { page: 1, pageSize: 1 })).total,
          openCases: openCases.get(stationId) ?? noOpenCases(),
          today: today.get(stationId)?.totals ?? emptyCounts(),
          monthToDate: monthToDate.get(stationId)?.totals ?? emptyCounts(),
          ledgerMonthToDate: ledgerFigures(statement),
          volunteers: { members: volunteers?.members ?? 0, verifiedMinutes: volunteers?.verifiedMinutes ?? 0 },
          openListings: (await this.listings.chainListings(principal, centerId, { stationId, status: 'published', pageSize: 1 })).total,
          activeLeases: (await this.leases.chainLeases(principal, centerId, { stationId, status: 'active', pageSize: 1 })).total,
        };
      }),
    );
    return {
      centerId,
      asOf,
      month,
      year,
      stations,
      total: totalOf(stations),
      links: linksOf(centerId, month, year),
      positions: Object.fromEntries(await Promise.all(OVERVIEW_SOURCES.map(async (name) => [name, await this.runner.position(name)] as const))),
    };
  }

  /** The chain's open cases, through the case queue's own chain query, counted per station, group and SLA status. */
  private async openCases(principal: Principal, centerId: string, now: Date): Promise<Map<string, OpenCases>> {
    const items: QueueItem[] = [];
    for (let page = 1; ; page += 1) {
      const found = await this.cases.center(principal, centerId, undefined, { filters: {}, page, pageSize: 500 }, now.toISOString());
      items.push(...found.items);
      if (found.items.length === 0 || items.length >= found.total) break;
    }
    const byStation = new Map<string, OpenCases>();
    for (const item of items) {
      const open = byStation.get(item.stationId) ?? noOpenCases();
      open.total += 1;
      open.byGroup[item.group].total += 1;
      open.byGroup[item.group][item.sla.status] += 1;
      byStation.set(item.stationId, open);
    }
    return byStation;
  }
}

function noOpenCases(): OpenCases {
  const group = (): GroupCases => ({ total: 0, ...(Object.fromEntries(SLA_STATUSES.map((status) => [status, 0])) as Record<SlaStatus, number>) });
  return { total: 0, byGroup: Object.fromEntries(CASE_GROUPS.map((name) => [name, group()])) as Record<CaseGroup, GroupCases> };
}

function ledgerFigures(statement: IncomeStatement | undefined): LedgerMonthToDate {
  return {
    netFeeRevenueFen: statement?.netFeeRevenueFen ?? 0,
    grantRevenueFen: statement?.grantRevenueFen ?? 0,
    revenueFen: statement?.revenueFen ?? 0,
    operatingExpensesFen: statement?.operatingExpensesFen ?? 0,
    surplusFen: statement?.surplusFen ?? 0,
  };
}

function totalOf(stations: readonly StationOverview[]): OverviewFigures {
  const total: OverviewFigures = {
    residentsPresent: 0,
    openCases: noOpenCases(),
    today: emptyCounts(),
    monthToDate: emptyCounts(),
    ledgerMonthToDate: ledgerFigures(undefined),
    volunteers: { members: 0, verifiedMinutes: 0 },
    openListings: 0,
    activeLeases: 0,
  };
  for (const station of stations) {
    total.residentsPresent += station.residentsPresent;
    total.openCases.total += station.openCases.total;
    for (const group of CASE_GROUPS) {
      const sum = total.openCases.byGroup[group];
      const own = station.openCases.byGroup[group];
      sum.total += own.total;
      for (const status of SLA_STATUSES) sum[status] += own[status];
    }
    total.today = addCounts(total.today, station.today);
    total.monthToDate = addCounts(total.monthToDate, station.monthToDate);
    for (const key of Object.keys(total.ledgerMonthToDate) as Array<keyof LedgerMonthToDate>) total.ledgerMonthToDate[key] += station.ledgerMonthToDate[key];
    total.volunteers.members += station.volunteers.members;
    total.volunteers.verifiedMinutes += station.volunteers.verifiedMinutes;
    total.openListings += station.openListings;
    total.activeLeases += station.activeLeases;
  }
  return total;
}

function linksOf(centerId: string, month: string, year: number): Record<string, string> {
  const center = `/centers/${encodeURIComponent(centerId)}`;
  return {
    residentDirectory: `${center}/directory`,
    caseQueue: `${center}/case-queue`,
    overdueCases: `${center}/case-queue/overdue`,
    trialBalance: `${center}/ledger/trial-balance?asOf=${month}`,
    incomeStatement: `${center}/ledger/income-statement?from=${month}`,
    statistics: `${center}/statistics?from=${month}-01`,
    volunteerHours: `${center}/volunteer-hours?year=${year}`,
    pairingContinuity: `${center}/pairing-continuity`,
    aidFundLedger: `${center}/aid-fund-ledger`,
    listings: `${center}/listings`,
    leases: `${center}/leases`,
  };
}
