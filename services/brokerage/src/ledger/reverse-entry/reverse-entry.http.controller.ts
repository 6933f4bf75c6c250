import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { LedgerEntryResponse } from '../record-expense/record-expense.request.dto';
import { ReverseEntryHandler } from './reverse-entry.handler';
import { ReverseEntryRequest } from './reverse-entry.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/ledger/entries/:entryId')
export class ReverseEntryController {
  constructor(private readonly handler: ReverseEntryHandler) {}

  @Post('reversal')
  @HttpCode(201)
  @Station('write', { roles: ['station-lead'] })
  @ApiCreatedResponse({ type: LedgerEntryResponse, description: 'The reversing entry; the original stays, marked reversed' })
  reverse(
    @Param('stationId') stationId: string,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Body() body: ReverseEntryRequest,
    @Ctx() context: CommandContext,
  ) {
    return this.handler.execute(stationId, entryId, body, context);
  }
}
