import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/request-types';
import { EndLeaseHandler } from './end-lease.handler';
import { EndLeaseRequest } from './end-lease.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/leases/:leaseId')
export class EndLeaseController {
  constructor(private readonly handler: EndLeaseHandler) {}

  @Post('end')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The lease ended, the deposit settled, the unit free again' })
  end(
    @Param('stationId') stationId: string,
    @Param('leaseId', ParseUUIDPipe) leaseId: string,
    @Body() body: EndLeaseRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, leaseId, body, context);
  }
}
