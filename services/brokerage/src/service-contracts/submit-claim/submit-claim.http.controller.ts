import { ServiceClaimSubmitted } from '@kinship/contracts';
import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { ServiceContractCommands } from '../service-contract.handler';
import { SubmitClaimRequest, SubmitClaimResponse } from './submit-claim.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/service-contracts/:contractId/claims')
export class SubmitClaimController {
  constructor(private readonly contracts: ServiceContractCommands) {}

  @Post()
  @HttpCode(201)
  @Station('write', { roles: ['station-lead'] })
  @ApiCreatedResponse({ type: SubmitClaimResponse, description: 'The month’s units claimed from the purchaser; booked as revenue receivable' })
  async submit(
    @Param('stationId') stationId: string,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @Body() body: SubmitClaimRequest,
    @Ctx() context: CommandContext,
  ): Promise<SubmitClaimResponse> {
    const claimId = uuidv7();
    const result = await this.contracts.run(stationId, { type: 'SubmitClaim', data: { contractId, claimId, period: body.period } }, context);
    const { units, amountFen } = ServiceClaimSubmitted.schema.parse(result.events[0].data);
    return { claimId, units, amountFen, ...BrokerageStreams.outcome(result) };
  }
}
