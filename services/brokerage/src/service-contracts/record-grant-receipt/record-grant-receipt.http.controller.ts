import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { CommandOutcomeResponse } from '../../application/request-types';
import { ServiceContractCommands } from '../service-contract.handler';
import { RecordGrantReceiptRequest } from './record-grant-receipt.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/service-contracts/:contractId/claims/:claimId/receipts')
export class RecordGrantReceiptController {
  constructor(private readonly contracts: ServiceContractCommands) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: CommandOutcomeResponse, description: 'The grant paid on the claim, into the bank account' })
  async receive(
    @Param('stationId') stationId: string,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @Param('claimId', ParseUUIDPipe) claimId: string,
    @Body() body: RecordGrantReceiptRequest,
    @Ctx() context: CommandContext,
  ) {
    const { amountFen, reference, receivedOn } = body;
    const data = { contractId, claimId, amountFen, reference, receivedOn, final: body.final ?? false };
    return BrokerageStreams.outcome(await this.contracts.run(stationId, { type: 'RecordGrantReceipt', data }, context));
  }
}
