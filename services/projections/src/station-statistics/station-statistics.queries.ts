import { ORG_DIRECTORY, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { requireChainReader } from '../brokerage-shared/brokerage-read-models';
import { ProjectionRunner } from '../projection/projection-runner';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { addDaysTo, daysFromTo } from '../volunteer-shared/volunteering-read-models';
import { addCounts, countsOf, DailyCounts, emptyCounts, netResidents, STATION_DAYS, StationDayDocument } from './station-statistics.document';
import { dateAt, STATION_STATISTICS } from './station-statistics.projection';
import { StatisticsRangeQuery } from './station-statistics.request.dto';

/** The longest range whose days one query lists. */
export const MAX_LISTED_DAYS = 366;

/** One day at a station: what happened, and how many residents were present at its end. */
export type DayStatistics = DailyCounts & { date: string; residentsPresent: number };

/** A range of days summed up. */
export interface RangeStatistics {
  from: string;
  to: string;
  totals: DailyCounts;
  residentsPresentAtStart: number;
  residentsPresentAtEnd: number;
}

export interface StationStatistics extends RangeStatistics {
  stationId: string;
  /** Every day of the range, the quiet ones too. */
  days: DayStatistics[];
  position: number | null;
}

export interface ChainStatistics {
  centerId: string;
  from: string;
  to: string;
  stations: Array<{ stationId: string } & RangeStatistics>;
  total: RangeStatistics;
  position: number | null;
}

/** Daily station statistics over a range of days, for a station and summed over a chain. */
@Injectable()
export class StationStatisticsQueries {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async station(stationId: string, query: StatisticsRangeQuery, now = new Date()): Promise<StationStatistics> {
    const { from, to } = rangeOf(query, now);
    if (daysFromTo(from, to) >= MAX_LISTED_DAYS) throw new BadRequestException(`A station's days are listed for at most ${MAX_LISTED_DAYS} days at a time`);
    await this.readYourWrites.after(query.afterPosition, STATION_STATISTICS);
    const documents = await this.documents([stationId], to);
    const byDate = new Map(documents.map((day) => [day.date, countsOf(day)]));
    let present = presentBefore(documents, from);
    const days: DayStatistics[] = [];
    for (let date = from; date <= to; date = addDaysTo(date, 1)) {
      const counts = byDate.get(date) ?? emptyCounts();
      present += netResidents(counts);
      days.push({ date, ...counts, residentsPresent: present });
    }
    return { stationId, ...summaryOf(documents, from, to), days, position: await this.runner.position(STATION_STATISTICS) };
  }

  async chain(principal: Principal, centerId: string, query: StatisticsRangeQuery, now = new Date()): Promise<ChainStatistics> {
    requireChainReader(principal, centerId, this.org);
    const { from, to } = rangeOf(query, now);
    await this.readYourWrites.after(query.afterPosition, STATION_STATISTICS);
    const stationIds = this.org.stationsOf(centerId).map((station) => station.id);
    const stations = await this.ranges(stationIds, from, to);
    return {
      centerId,
      from,
      to,
      stations: stationIds.map((stationId) => ({ stationId, ...(stations.get(stationId) as RangeStatistics) })),
      total: sumOf([...stations.values()], from, to),
      position: await this.runner.position(STATION_STATISTICS),
    };
  }

  /** Each station's figures over the range (no read-your-writes: the caller has waited already). */
  async ranges(stationIds: readonly string[], from: string, to: string): Promise<Map<string, RangeStatistics>> {
    const documents = await this.documents(stationIds, to);
    return new Map(stationIds.map((stationId) => [stationId, summaryOf(documents.filter((day) => day.stationId === stationId), from, to)]));
  }

  private documents(stationIds: readonly string[], to: string): Promise<StationDayDocument[]> {
    // Residents present at the start of the range are summed from every earlier day.
    return this.runner
      .collection<StationDayDocument>(STATION_STATISTICS, STATION_DAYS)
      .find({ stationId: stationIds.length === 1 ? stationIds[0] : { $in: [...stationIds] }, date: { $lte: to } }, { sort: { date: 1 } });
  }
}

/** The range a query asks for, with its defaults at the station's date of `now`. */
export function rangeOf(query: Pick<StatisticsRangeQuery, 'from' | 'to'>, now: Date): { from: string; to: string } {
  const to = query.to ?? dateAt(now.toISOString());
  const from = query.from ?? `${to.slice(0, 8)}01`;
  if (from > to) throw new BadRequestException('from must be on or before to');
  return { from, to };
}

function presentBefore(documents: readonly StationDayDocument[], from: string): number {
  return documents.filter((day) => day.date < from).reduce((sum, day) => sum + netResidents(countsOf(day)), 0);
}

function summaryOf(documents: readonly StationDayDocument[], from: string, to: string): RangeStatistics {
  const within = documents.filter((day) => day.date >= from && day.date <= to);
  const totals = within.reduce((sum, day) => addCounts(sum, countsOf(day)), emptyCounts());
  const residentsPresentAtStart = presentBefore(documents, from);
  return { from, to, totals, residentsPresentAtStart, residentsPresentAtEnd: residentsPresentAtStart + netResidents(totals) };
}

function sumOf(ranges: readonly RangeStatistics[], from: string, to: string): RangeStatistics {
  return {
    from,
    to,
    totals: ranges.reduce((sum, range) => addCounts(sum, range.totals), emptyCounts()),
    residentsPresentAtStart: ranges.reduce((sum, range) => sum + range.residentsPresentAtStart, 0),
    residentsPresentAtEnd: ranges.reduce((sum, range) => sum + range.residentsPresentAtEnd, 0),
  };
}
