import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RegisterLandlordHandler } from './register-landlord.handler';
import { LandlordContactRequest, RegisterLandlordResponse } from './register-landlord.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/landlords')
export class RegisterLandlordController {
  constructor(private readonly handler: RegisterLandlordHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: RegisterLandlordResponse, description: 'The landlord is known to the station; their listings name them' })
  register(@Param('stationId') stationId: string, @Body() body: LandlordContactRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
