import { LEDGER_ENTRY_KINDS, LedgerEntryKind } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AfterPositionQuery, BrokeragePageQuery } from '../brokerage-shared/brokerage-query.request.dto';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const monthMessage = { message: '$property must be a month as YYYY-MM' };

export class LedgerEntriesQuery extends BrokeragePageQuery {
  @ApiPropertyOptional({ description: 'The month booked in, YYYY-MM' }) @IsOptional() @Matches(MONTH, monthMessage) period?: string;
  @ApiPropertyOptional({ enum: LEDGER_ENTRY_KINDS }) @IsOptional() @IsIn(LEDGER_ENTRY_KINDS) kind?: LedgerEntryKind;
}

export class TrialBalanceQuery extends AfterPositionQuery {
  @ApiPropertyOptional({ description: 'Balances at the end of this month (YYYY-MM); every entry when left out' })
  @IsOptional()
  @Matches(MONTH, monthMessage)
  asOf?: string;
}

export class IncomeStatementQuery extends AfterPositionQuery {
  @ApiProperty({ description: 'First month, YYYY-MM', example: '2026-04' }) @Matches(MONTH, monthMessage) from!: string;
  @ApiPropertyOptional({ description: 'Last month, YYYY-MM; the first when left out' }) @IsOptional() @Matches(MONTH, monthMessage) to?: string;
}
