import { CommandContext } from '@kinship/eventsourcing';
import { Center, Ctx } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { SetSlaPolicyHandler } from './set-sla-policy.handler';
import { SetSlaPolicyRequest } from './set-sla-policy.request.dto';

@ApiTags('case-management')
@Controller('centers/:centerId/sla-policy')
export class SetSlaPolicyController {
  constructor(private readonly handler: SetSlaPolicyHandler) {}

  @Put()
  @HttpCode(200)
  @Center('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Cases opened from now on follow it; open cases keep the terms they were opened under' })
  set(@Param('centerId') centerId: string, @Body() body: SetSlaPolicyRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(centerId, body, context);
  }
}
