import { Center } from '@kinship/tenancy';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GetSlaPolicyHandler } from './get-sla-policy.handler';

@ApiTags('case-management')
@Controller('centers/:centerId/sla-policy')
export class GetSlaPolicyController {
  constructor(private readonly handler: GetSlaPolicyHandler) {}

  @Get()
  @Center('read')
  @ApiOkResponse({ description: "The center's SLA policy, or the default one it follows until its manager sets one" })
  get(@Param('centerId') centerId: string) {
    return this.handler.execute(centerId);
  }
}
