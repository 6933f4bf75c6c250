import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { OpenCaseHandler } from './open-case.handler';
import { OpenCaseRequest, OpenCaseResponse } from './open-case.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases')
export class OpenCaseController {
  constructor(private readonly handler: OpenCaseHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: OpenCaseResponse, description: 'Opened; 422 when a resident is not registered at the station' })
  open(@Param('stationId') stationId: string, @Body() body: OpenCaseRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
