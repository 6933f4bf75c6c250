import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/request-types';
import { HousingFileHandler } from '../housing-file.handler';
import { HousingNeedsRequest } from '../open-housing-request/open-housing-request.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/residents/:residentId/housing-requests/:requestId')
export class ReviseHousingRequestController {
  constructor(private readonly handler: HousingFileHandler) {}

  @Post('revision')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The household’s needs as they are now' })
  revise(
    @Param('stationId') stationId: string,
    @Param('residentId', ParseUUIDPipe) residentId: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() body: HousingNeedsRequest,
    @Ctx() context: CommandContext,
  ) {
    const { budgetFen, householdSize, workArea, moveInBy } = body;
    return this.handler.execute(stationId, { type: 'ReviseHousingRequest', data: { requestId, residentId, budgetFen, householdSize, workArea, moveInBy } }, context);
  }
}
