import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { IssueVolunteerRecordHandler } from './issue-volunteer-record.handler';
import { IssueVolunteerRecordRequest, VolunteerRecordResponse } from './issue-volunteer-record.request.dto';

@ApiTags('volunteering')
@Controller('stations/:stationId/volunteers/:volunteerId/records')
export class IssueVolunteerRecordController {
  constructor(private readonly handler: IssueVolunteerRecordHandler) {}

  /** The station's lead signs for the station: a record is an official statement. */
  @Post()
  @HttpCode(201)
  @Station('write', { roles: ['station-lead'] })
  @ApiCreatedResponse({ type: VolunteerRecordResponse, description: 'Issued; 409 while hours of the period are in dispute' })
  issue(@Param('stationId') stationId: string, @Param('volunteerId') volunteerId: string, @Body() body: IssueVolunteerRecordRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, volunteerId, body, context);
  }
}
