import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@kinship/tenancy';
import { Station } from '@kinship/tenancy';
import { GetResidentHandler } from './get-resident.handler';

@ApiTags('registry')
@Controller('stations/:stationId/residents/:residentId')
export class GetResidentController {
  constructor(private readonly handler: GetResidentHandler) {}

  @Get()
  @Station('read')
  @ApiOkResponse({ description: "The registry's record of the resident; personal fields masked outside the resident's station" })
  get(@Param('stationId') stationId: string, @Param('residentId') residentId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.execute(stationId, residentId, principal, new Date().toISOString());
  }
}
