import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { PAIRING_CONTINUITY_PAGE_SCHEMA } from './volunteer-pairings.responses';
import { PairingContinuityPage, PairingContinuityQueries } from './volunteer-pairings.queries';
import { PairingContinuityQuery } from './volunteer-pairings-query.request.dto';

/** Which pairings are kept up and which have gone quiet: per station, and per chain for its manager. */
@ApiTags('pairing-continuity')
@UseFilters(ProjectionsProblemFilter)
@Controller()
export class PairingContinuityHttpController {
  constructor(private readonly queries: PairingContinuityQueries) {}

  @Get('stations/:stationId/pairing-continuity')
  @ApiOkResponse({ description: "The station's pairings: visits, aid, and which are overdue for a visit", schema: PAIRING_CONTINUITY_PAGE_SCHEMA })
  @Station('read')
  station(@Param('stationId') stationId: string, @Query() query: PairingContinuityQuery): Promise<PairingContinuityPage> {
    return this.queries.station(stationId, query);
  }

  @Get('centers/:centerId/pairing-continuity')
  @ApiOkResponse({ description: "The pairings of every station of the manager's chain", schema: PAIRING_CONTINUITY_PAGE_SCHEMA })
  @Roles('center-manager')
  chain(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: PairingContinuityQuery): Promise<PairingContinuityPage> {
    return this.queries.chain(principal, centerId, query);
  }
}
