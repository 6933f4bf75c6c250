import { Station } from '@kinship/tenancy';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GetCaseSlaHandler } from './get-case-sla.handler';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class GetCaseSlaController {
  constructor(private readonly handler: GetCaseSlaHandler) {}

  @Get('sla')
  @Station('read')
  @ApiOkResponse({ description: 'Response and resolution targets: elapsed business minutes, status, warning and due instants, pauses' })
  get(@Param('stationId') stationId: string, @Param('caseId') caseId: string) {
    return this.handler.execute(stationId, caseId, new Date().toISOString());
  }
}
