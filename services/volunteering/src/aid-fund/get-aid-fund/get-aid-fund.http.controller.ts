import { Center } from '@kinship/tenancy';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AidFundView, AidPaymentTraceView } from './aid-fund.view';
import { GetAidFundHandler } from './get-aid-fund.handler';

/** The council's welfare fund is the center's, administered by its manager: station staff never see the chain's fund. */
const MANAGER_ONLY = { roles: ['center-manager'] } as const;

@ApiTags('volunteering')
@Controller('centers/:centerId/aid-fund')
export class GetAidFundController {
  constructor(private readonly handler: GetAidFundHandler) {}

  @Get()
  @Center('read', MANAGER_ONLY)
  @ApiOkResponse({ type: AidFundView, description: "The council's welfare fund: balance, allocations and payments" })
  fund(@Param('centerId') centerId: string): Promise<AidFundView> {
    return this.handler.fund(centerId);
  }

  @Get('payments/:paymentId')
  @Center('read', MANAGER_ONLY)
  @ApiOkResponse({ type: AidPaymentTraceView, description: 'A payment traced back to the surplus allocations that funded it' })
  trace(@Param('centerId') centerId: string, @Param('paymentId') paymentId: string): Promise<AidPaymentTraceView> {
    return this.handler.trace(centerId, paymentId);
  }
}
