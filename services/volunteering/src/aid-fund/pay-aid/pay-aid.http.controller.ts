import { CommandContext } from '@kinship/eventsourcing';
import { Center, Ctx } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { PayAidHandler } from './pay-aid.handler';
import { PayAidRequest, PayAidResponse } from './pay-aid.request.dto';

@ApiTags('volunteering')
@Controller('centers/:centerId/aid-fund/payments')
export class PayAidController {
  constructor(private readonly handler: PayAidHandler) {}

  @Post()
  @HttpCode(201)
  @Center('write')
  @ApiCreatedResponse({ type: PayAidResponse, description: 'Paid, with the allocations it was drawn on; 422 aid-fund-insufficient beyond the balance' })
  pay(@Param('centerId') centerId: string, @Body() body: PayAidRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(centerId, body, context);
  }
}
