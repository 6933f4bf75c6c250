import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { LeaseFeeResponse } from '../lease-fee.response';
import { SignLeaseHandler } from './sign-lease.handler';
import { SignLeaseRequest } from './sign-lease.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/leases')
export class SignLeaseController {
  constructor(private readonly handler: SignLeaseHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: LeaseFeeResponse, description: 'Signed: the unit is let, the fee assessed and invoiced, the address sent to the registry' })
  sign(@Param('stationId') stationId: string, @Body() body: SignLeaseRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
