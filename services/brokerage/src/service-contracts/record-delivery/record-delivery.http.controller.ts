import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { CommandOutcomeResponse } from '../../application/request-types';
import { ServiceContractCommands } from '../service-contract.handler';
import { RecordDeliveryRequest } from './record-delivery.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/service-contracts/:contractId/deliveries')
export class RecordDeliveryController {
  constructor(private readonly contracts: ServiceContractCommands) {}

  @Post()
  @HttpCode(200)
  @Station('write')
  @ApiOkResponse({ type: CommandOutcomeResponse, description: 'The day’s units recorded (or corrected, with a reason, until the month is claimed)' })
  async record(
    @Param('stationId') stationId: string,
    @Param('contractId', ParseUUIDPipe) contractId: string,
    @Body() body: RecordDeliveryRequest,
    @Ctx() context: CommandContext,
  ) {
    return BrokerageStreams.outcome(await this.contracts.run(stationId, { type: 'RecordDelivery', data: { contractId, ...body } }, context));
  }
}
