import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { EnrolVolunteerHandler } from './enrol-volunteer.handler';
import { EnrolVolunteerRequest, EnrolVolunteerResponse } from './enrol-volunteer.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers')
export class EnrolVolunteerController {
  constructor(private readonly handler: EnrolVolunteerHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: EnrolVolunteerResponse, description: 'Enrolled in the station team; 409 when the resident already is' })
  enrol(@Param('stationId') stationId: string, @Body() body: EnrolVolunteerRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
