import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { IsDateOnly, IsFen } from '../../application/request-types';

export class RecordGrantReceiptRequest {
  @ApiProperty({ description: 'Received in fen (分); 0 only on a final receipt', example: 69000 }) @IsFen({ allowZero: true }) amountFen!: number;
  @ApiProperty({ description: 'The bank transfer’s reference', example: 'CZ2026051700042' }) @IsString() @Length(1, 64) reference!: string;
  @ApiPropertyOptional({ description: 'The last payment on the claim: whatever is still outstanding is written off', default: false })
  @IsOptional()
  @IsBoolean()
  final?: boolean;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() receivedOn?: string;
}
