import { Body, Controller, HttpCode, Param, ParseEnumPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { CommandOutcomeResponse } from '../../application/command-outcome.response';
import { Ctx, Station } from '@kinship/tenancy';
import { RecordPermitStepHandler } from './residence-permit.handler';
import { PERMIT_STEPS, PermitStep, RecordPermitStepRequest } from './residence-permit.request.dto';

const steps = Object.fromEntries(PERMIT_STEPS.map((step) => [step, step]));

@ApiTags('registry')
@Controller('stations/:stationId/residents/:residentId/residence-permit')
export class ResidencePermitController {
  constructor(private readonly handler: RecordPermitStepHandler) {}

  @Post(':step')
  @HttpCode(200)
  @Station('write')
  @ApiParam({ name: 'step', enum: PERMIT_STEPS })
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'Step recorded; 422 with the rule when the calendar forbids it' })
  record(
    @Param('stationId') stationId: string,
    @Param('residentId') residentId: string,
    @Param('step', new ParseEnumPipe(steps)) step: PermitStep,
    @Body() body: RecordPermitStepRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, residentId, step, body, context);
  }
}
