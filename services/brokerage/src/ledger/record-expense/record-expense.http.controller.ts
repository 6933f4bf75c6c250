import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RecordExpenseHandler } from './record-expense.handler';
import { LedgerEntryResponse, RecordExpenseRequest } from './record-expense.request.dto';

@ApiTags('brokerage')
@Controller('stations/:stationId/ledger/expenses')
export class RecordExpenseController {
  constructor(private readonly handler: RecordExpenseHandler) {}

  @Post()
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: LedgerEntryResponse, description: 'The expense booked: operating expenses debited, cash or bank credited' })
  record(@Param('stationId') stationId: string, @Body() body: RecordExpenseRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, body, context);
  }
}
