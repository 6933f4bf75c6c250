import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsDateOnly, IsFen } from '../../application/request-types';

export class SetFeeScheduleRequest {
  @ApiPropertyOptional({ description: 'The day the terms take effect: today or later; defaults to today' })
  @IsOptional()
  @IsDateOnly()
  effectiveFrom?: string;

  @ApiProperty({ description: "Share of one month's rent in basis points (1/10,000): 3000 is 30%", example: 3000 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  basisPoints!: number;

  @ApiProperty({ description: 'The most a fee can be, in fen (分)', example: 50000 }) @IsFen({ allowZero: true }) capFen!: number;

  @ApiProperty({ description: 'Share on a renewal, in basis points; 0 is no fee on a renewal', example: 0 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  renewalBasisPoints!: number;
}

export class FeeTermsView {
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty() basisPoints!: number;
  @ApiProperty() capFen!: number;
  @ApiProperty() renewalBasisPoints!: number;
}

export class FeeScheduleView {
  @ApiProperty() centerId!: string;
  @ApiProperty({ type: FeeTermsView, nullable: true, description: 'The terms in force today' }) inForce!: FeeTermsView | null;
  @ApiProperty({ type: [FeeTermsView], description: 'Every version, by the day it takes effect' }) versions!: FeeTermsView[];
  @ApiProperty({ description: 'How a fee is computed, in words' }) rule!: string;
}
