import { Filter } from '@kinship/documents';
import { ORG_DIRECTORY, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { ProjectionRunner } from '../projection/projection-runner';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { pagingOf } from '../volunteer-shared/read-model-query.request.dto';
import { requireChainReader } from '../volunteer-shared/volunteering-read-models';
import { AID_FUND_MOVEMENTS, AID_FUNDS, AidFundDocument, AidFundMovement, AidFundMovementDocument } from './aid-fund.document';
import { AID_FUND_LEDGER } from './aid-fund.projection';
import { AidFundLedgerQuery } from './aid-fund-query.request.dto';

export interface AidFundLedgerPage {
  centerId: string;
  balanceFen: number;
  creditedFen: number;
  paidFen: number;
  /** Latest first, each with the balance after it. */
  movements: Array<AidFundMovement & { eventId: string }>;
  page: number;
  pageSize: number;
  total: number;
  position: number | null;
}

/**
 * The welfare fund's balance and history: the whole of it for the center's manager; for a station, the fund of
 * its chain with only the movements that concern the station (its surplus, its pairings).
 */
@Injectable()
export class AidFundLedgerQueries {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async chain(principal: Principal, centerId: string, query: AidFundLedgerQuery): Promise<AidFundLedgerPage> {
    requireChainReader(principal, centerId, this.org);
    return this.ledger(centerId, {}, query);
  }

  async station(stationId: string, query: AidFundLedgerQuery): Promise<AidFundLedgerPage> {
    const centerId = this.org.centerOf(stationId)?.id ?? '';
    return this.ledger(centerId, { stationId }, query);
  }

  private async ledger(centerId: string, scope: Filter, query: AidFundLedgerQuery): Promise<AidFundLedgerPage> {
    await this.readYourWrites.after(query.afterPosition, AID_FUND_LEDGER);
    const fund = await this.runner.collection<AidFundDocument>(AID_FUND_LEDGER, AID_FUNDS).get(centerId);
    const movements = this.runner.collection<AidFundMovementDocument>(AID_FUND_LEDGER, AID_FUND_MOVEMENTS);
    const filter: Filter = { centerId, ...scope, ...(query.kind !== undefined ? { kind: query.kind } : {}) };
    const { page, pageSize } = pagingOf(query);
    const [found, total] = await Promise.all([
      movements.find(filter, { sort: { sequence: -1 }, skip: (page - 1) * pageSize, limit: pageSize }),
      movements.count(filter),
    ]);
    return {
      centerId,
      balanceFen: fund?.balanceFen ?? 0,
      creditedFen: fund?.creditedFen ?? 0,
      paidFen: fund?.paidFen ?? 0,
      movements: found.map(({ _id, _sources: _applied, ...movement }) => ({ eventId: _id, ...movement })),
      page,
      pageSize,
      total,
      position: await this.runner.position(AID_FUND_LEDGER),
    };
  }
}
