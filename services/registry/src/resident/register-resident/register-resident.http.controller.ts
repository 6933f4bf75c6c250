import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { RegisterResidentHandler } from './register-resident.handler';
import { RegisterResidentRequest, RegisterResidentResponse } from './register-resident.request.dto';

@ApiTags('registry')
@Controller('stations/:stationId/residents')
export class RegisterResidentController {
  constructor(private readonly handler: RegisterResidentHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: RegisterResidentResponse, description: 'Registered; 409 when the ID number is already registered' })
  register(@Param('stationId') stationId: string, @Body() body: RegisterResidentRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
