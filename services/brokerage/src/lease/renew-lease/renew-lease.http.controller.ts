import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LeaseFeeResponse } from '../lease-fee.response';
import { RenewLeaseHandler } from './renew-lease.handler';
import { RenewLeaseRequest } from './renew-lease.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/leases/:leaseId')
export class RenewLeaseController {
  constructor(private readonly handler: RenewLeaseHandler) {}

  @Post('renewal')
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: LeaseFeeResponse, description: 'The term extended, and the renewal fee if the schedule has one' })
  renew(
    @Param('stationId') stationId: string,
    @Param('leaseId', ParseUUIDPipe) leaseId: string,
    @Body() body: RenewLeaseRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, leaseId, body, context);
  }
}
