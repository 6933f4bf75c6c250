import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Center } from '../../application/center-gate';
import { AidFundView, AidPaymentTraceView } from './aid-fund.view';
import { GetAidFundHandler } from './get-aid-fund.handler';

@ApiTags('volunteering')
@Controller('centers/:centerId/aid-fund')
export class GetAidFundController {
  constructor(private readonly handler: GetAidFundHandler) {}

  @Get()
  @Center()
  @ApiOkResponse({ type: AidFundView, description: "The council's welfare fund: balance, allocations and payments" })
  fund(@Param('centerId') centerId: string): Promise<AidFundView> {
    return this.handler.fund(centerId);
  }

  @Get('payments/:paymentId')
  @Center()
  @ApiOkResponse({ type: AidPaymentTraceView, description: 'A payment traced back to the surplus allocations that funded it' })
  trace(@Param('centerId') centerId: string, @Param('paymentId') paymentId: string): Promise<AidPaymentTraceView> {
    return this.handler.trace(centerId, paymentId);
  }
}
