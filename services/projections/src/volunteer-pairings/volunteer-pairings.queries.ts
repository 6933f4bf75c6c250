import { Filter } from '@kinship/documents';
import { ORG_DIRECTORY, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { ProjectionRunner } from '../projection/projection-runner';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { pagingOf } from '../volunteer-shared/read-model-query.request.dto';
import { daysFromTo, pageOf, requireChainReader, stationDateOf } from '../volunteer-shared/volunteering-read-models';
import { PairingContinuity, PairingContinuityDocument, PAIRINGS } from './volunteer-pairings.document';
import { PAIRING_CONTINUITY } from './volunteer-pairings.projection';
import { PairingContinuityQuery } from './volunteer-pairings-query.request.dto';

export type PairingContinuityItem = PairingContinuity & {
  /** Days since the last visit, or since the start when there was none yet. */
  daysWithoutVisit: number;
  /** Active and unvisited for longer than its alert allows: the alert the coordinator acts on. */
  overdue: boolean;
};

export interface PairingContinuityPage {
  asOf: string;
  summary: { active: number; overdue: number; ended: number };
  /** Overdue first, the longest without a visit first. */
  items: PairingContinuityItem[];
  page: number;
  pageSize: number;
  total: number;
  position: number | null;
}

/** Pairing continuity of a station or a chain, judged on a given day. */
@Injectable()
export class PairingContinuityQueries {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  station(stationId: string, query: PairingContinuityQuery, now = new Date()): Promise<PairingContinuityPage> {
    return this.list({ stationId }, query, now);
  }

  chain(principal: Principal, centerId: string, query: PairingContinuityQuery, now = new Date()): Promise<PairingContinuityPage> {
    requireChainReader(principal, centerId, this.org);
    return this.list({ centerId }, query, now);
  }

  private async list(scope: Filter, query: PairingContinuityQuery, now: Date): Promise<PairingContinuityPage> {
    await this.readYourWrites.after(query.afterPosition, PAIRING_CONTINUITY);
    const asOf = query.asOf ?? stationDateOf(now);
    const pairings = this.runner.collection<PairingContinuityDocument>(PAIRING_CONTINUITY, PAIRINGS);
    const all = (await pairings.find(scope)).filter((pairing) => pairing.status !== null).map((pairing) => itemOf(pairing, asOf));
    const listed = all
      .filter((item) => (query.status === undefined || item.status === query.status) && (query.category === undefined || item.category === query.category))
      .filter((item) => query.overdue === undefined || item.overdue === query.overdue)
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.daysWithoutVisit - a.daysWithoutVisit || a.pairingId.localeCompare(b.pairingId));
    const { page, pageSize } = pagingOf(query);
    return {
      asOf,
      summary: {
        active: all.filter((item) => item.status === 'active').length,
        overdue: all.filter((item) => item.overdue).length,
        ended: all.filter((item) => item.status === 'ended').length,
      },
      items: pageOf(listed, page, pageSize),
      page,
      pageSize,
      total: listed.length,
      position: await this.runner.position(PAIRING_CONTINUITY),
    };
  }
}

function itemOf({ _id: _ignored, _sources: _applied, ...pairing }: PairingContinuityDocument, asOf: string): PairingContinuityItem {
  const daysWithoutVisit = Math.max(0, daysFromTo(pairing.lastVisitOn ?? pairing.startedOn ?? asOf, asOf));
  return { ...pairing, daysWithoutVisit, overdue: pairing.status === 'active' && daysWithoutVisit > pairing.alertAfterDays };
}
