import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { CreateHouseholdHandler } from './create-household.handler';
import { CreateHouseholdRequest } from './create-household.request.dto';

@ApiTags('registry: households')
@Controller('stations/:stationId/households')
export class CreateHouseholdController {
  constructor(private readonly handler: CreateHouseholdHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ description: 'The new household id, stream version and log position' })
  create(@Param('stationId') stationId: string, @Body() body: CreateHouseholdRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
