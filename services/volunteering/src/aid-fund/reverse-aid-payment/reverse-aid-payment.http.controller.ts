import { CommandContext } from '@kinship/eventsourcing';
import { Center, Ctx } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { ReverseAidPaymentHandler } from './reverse-aid-payment.handler';
import { ReverseAidPaymentRequest } from './reverse-aid-payment.request.dto';

@ApiTags('volunteering')
@Controller('centers/:centerId/aid-fund/payments/:paymentId')
export class ReverseAidPaymentController {
  constructor(private readonly handler: ReverseAidPaymentHandler) {}

  @Post('reversal')
  @HttpCode(200)
  @Center('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Reversed: the money is back in the allocations that funded it' })
  reverse(@Param('centerId') centerId: string, @Param('paymentId') paymentId: string, @Body() body: ReverseAidPaymentRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(centerId, paymentId, body, context);
  }
}
