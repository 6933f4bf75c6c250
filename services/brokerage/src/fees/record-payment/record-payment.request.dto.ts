import { PAYMENT_METHODS } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CommandOutcomeResponse, IsDateOnly, IsFen } from '../../application/request-types';

/** Money moving over the counter: cash, or a transfer named by its reference. */
export class MoneyMovementRequest {
  @ApiProperty({ description: 'Amount in fen (分)', example: 36000 }) @IsFen() amountFen!: number;
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS) method!: (typeof PAYMENT_METHODS)[number];
  @ApiPropertyOptional({ description: 'The transfer’s reference (bank, WeChat, Alipay); required for a transfer', example: 'WX20260512001' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  reference?: string;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() on?: string;
}

export class RecordPaymentResponse extends CommandOutcomeResponse {
  @ApiProperty() paymentId!: string;
}
