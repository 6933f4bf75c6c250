import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@kinship/tenancy';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { CenterDirectoryQueryDto, DirectoryEntryQueryDto, DirectoryQueryDto } from './directory-query.request.dto';
import { DirectoryItem, DirectoryPage } from './resident-directory.queries';
import { DirectoryRequest, ResidentDirectoryService } from './resident-directory.service';
import { DIRECTORY_ITEM_SCHEMA, DIRECTORY_PAGE_SCHEMA } from './resident-directory.responses';

/** The resident directory of a station, and of a whole chain for its center manager. */
@ApiTags('resident-directory')
@UseFilters(ProjectionsProblemFilter)
@Roles('station-staff', 'station-lead', 'center-manager')
@Controller()
export class ResidentDirectoryHttpController {
  constructor(private readonly directory: ResidentDirectoryService) {}

  @Get('stations/:stationId/directory')
  @ApiOkResponse({ description: 'Residents of the station, filtered and paged; personal data masked', schema: DIRECTORY_PAGE_SCHEMA })
  station(
    @CurrentPrincipal() principal: Principal,
    @Param('stationId') stationId: string,
    @Query() query: DirectoryQueryDto,
  ): Promise<DirectoryPage> {
    return this.directory.station(principal, stationId, requestOf(query));
  }

  @Get('stations/:stationId/directory/:residentId')
  @ApiOkResponse({ description: 'One resident of the station', schema: DIRECTORY_ITEM_SCHEMA })
  entry(
    @CurrentPrincipal() principal: Principal,
    @Param('stationId') stationId: string,
    @Param('residentId') residentId: string,
    @Query() query: DirectoryEntryQueryDto,
  ): Promise<DirectoryItem> {
    return this.directory.entry(principal, stationId, residentId, query.afterPosition);
  }

  @Roles('center-manager')
  @Get('centers/:centerId/directory')
  @ApiOkResponse({ description: "Residents of every station of the manager's chain, filtered and paged", schema: DIRECTORY_PAGE_SCHEMA })
  center(
    @CurrentPrincipal() principal: Principal,
    @Param('centerId') centerId: string,
    @Query() query: CenterDirectoryQueryDto,
  ): Promise<DirectoryPage> {
    return this.directory.center(principal, centerId, { ...requestOf(query), stationId: query.stationId });
  }
}

function requestOf(query: DirectoryQueryDto): DirectoryRequest {
  const { page, pageSize, afterPosition, status, compound, originProvince, permitStatus, householdId, name, phone, idNumber } = query;
  return {
    filters: { status, compound, originProvince, permitStatus, householdId, name, phone, idNumber },
    page,
    pageSize,
    afterPosition,
  };
}
