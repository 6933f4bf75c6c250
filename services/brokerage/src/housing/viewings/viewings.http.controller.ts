import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/request-types';
import { HousingFileHandler } from '../housing-file.handler';
import { ScheduleViewingHandler } from './viewings.handler';
import { RecordViewingOutcomeRequest, ScheduleViewingRequest, ScheduleViewingResponse } from './viewings.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/residents/:residentId/housing-requests/:requestId/viewings')
export class ViewingsController {
  constructor(
    private readonly schedule: ScheduleViewingHandler,
    private readonly housing: HousingFileHandler,
  ) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: ScheduleViewingResponse, description: 'A viewing of a published listing is arranged' })
  scheduleViewing(
    @Param('stationId') stationId: string,
    @Param('residentId', ParseUUIDPipe) residentId: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() body: ScheduleViewingRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.schedule.execute(stationId, residentId, requestId, body, context);
  }

  @Post(':viewingId/outcome')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'How the viewing went' })
  recordOutcome(
    @Param('stationId') stationId: string,
    @Param('residentId', ParseUUIDPipe) residentId: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Param('viewingId', ParseUUIDPipe) viewingId: string,
    @Body() body: RecordViewingOutcomeRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.housing.execute(stationId, { type: 'RecordViewingOutcome', data: { requestId, residentId, viewingId, outcome: body.outcome } }, context);
  }
}
