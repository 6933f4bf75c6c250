import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { ServiceContractCommands } from '../service-contract.handler';
import { SignServiceContractRequest, SignServiceContractResponse } from './sign-service-contract.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/service-contracts')
export class SignServiceContractController {
  constructor(private readonly contracts: ServiceContractCommands) {}

  @Post()
  @HttpCode(201)
  @Station('write', { roles: ['station-lead'] })
  @ApiCreatedResponse({ type: SignServiceContractResponse, description: 'A service the district buys from the station' })
  async sign(@Param('stationId') stationId: string, @Body() body: SignServiceContractRequest, @Ctx() context: CommandContext): Promise<SignServiceContractResponse> {
    const contractId = uuidv7();
    const result = await this.contracts.run(stationId, { type: 'SignServiceContract', data: { contractId, stationId, ...body } }, context);
    return { contractId, ...BrokerageStreams.outcome(result) };
  }
}
