import { EXPENSE_CATEGORIES } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CommandOutcomeResponse, IsDateOnly, IsFen } from '../../application/request-types';

export class RecordExpenseRequest {
  @ApiProperty({ description: 'Amount in fen (分)', example: 80000 }) @IsFen() amountFen!: number;
  @ApiProperty({ enum: ['cash', 'bank'], description: 'Paid from cash on hand or from the bank account' }) @IsIn(['cash', 'bank']) paidFrom!: 'cash' | 'bank';
  @ApiProperty({ enum: EXPENSE_CATEGORIES }) @IsIn(EXPENSE_CATEGORIES) category!: (typeof EXPENSE_CATEGORIES)[number];
  @ApiProperty({ description: 'What was bought; no personal data', example: 'office rent, May' }) @IsString() @Length(1, 200) description!: string;
  @ApiPropertyOptional({ description: 'Receipt or transfer number', example: 'FP-2026-0512' }) @IsOptional() @IsString() @Length(1, 64) reference?: string;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() spentOn?: string;
}

export class LedgerEntryResponse extends CommandOutcomeResponse {
  @ApiProperty() entryId!: string;
}
