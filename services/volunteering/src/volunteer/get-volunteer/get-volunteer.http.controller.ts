import { CurrentPrincipal, Principal, Station } from '@kinship/tenancy';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GetVolunteerHandler } from './get-volunteer.handler';
import { VolunteerView } from './volunteer.view';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers/:volunteerId')
export class GetVolunteerController {
  constructor(private readonly handler: GetVolunteerHandler) {}

  @Get()
  @Station('read')
  @ApiOkResponse({ type: VolunteerView, description: 'The volunteer and their yearly hours' })
  get(@Param('stationId') stationId: string, @Param('volunteerId') volunteerId: string, @CurrentPrincipal() principal: Principal): Promise<VolunteerView> {
    return this.handler.execute(stationId, volunteerId, principal);
  }
}
