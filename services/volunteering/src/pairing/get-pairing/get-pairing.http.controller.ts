import { CurrentPrincipal, Principal, Station } from '@kinship/tenancy';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GetPairingHandler } from './get-pairing.handler';
import { PairingView } from './pairing.view';

@ApiTags('volunteering')
@Controller('stations/:stationId/pairings/:pairingId')
export class GetPairingController {
  constructor(private readonly handler: GetPairingHandler) {}

  @Get()
  @Station('read')
  @ApiOkResponse({ type: PairingView, description: 'The pairing, its visits and whether a visit is overdue' })
  get(@Param('stationId') stationId: string, @Param('pairingId') pairingId: string, @CurrentPrincipal() principal: Principal): Promise<PairingView> {
    return this.handler.execute(stationId, pairingId, principal, new Date().toISOString());
  }
}
