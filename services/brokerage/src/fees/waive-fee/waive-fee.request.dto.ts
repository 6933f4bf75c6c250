import { WAIVER_BASES } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { IsDateOnly, IsFen } from '../../application/request-types';

export class WaiverBasisRequest {
  @ApiProperty({ enum: WAIVER_BASES, description: 'Whether the hardship is on record in the registry or in a case' })
  @IsIn(WAIVER_BASES)
  kind!: (typeof WAIVER_BASES)[number];
  @ApiProperty({ description: 'The id of the registry record or case that shows it', example: '0196b0f0-6a55-7c1e-9d3a-2f1c4e5d6a7b' })
  @IsString()
  @Length(1, 100)
  reference!: string;
}

/** A hardship waiver (困难减免): approved by the lead who sends it. */
export class WaiveFeeRequest {
  @ApiPropertyOptional({ description: 'Amount waived in fen; everything still owed when left out' }) @IsOptional() @IsFen() amountFen?: number;
  @ApiProperty({ type: WaiverBasisRequest }) @IsObject() @ValidateNested() @Type(() => WaiverBasisRequest) basis!: WaiverBasisRequest;
  @ApiProperty({ description: 'Why the household cannot pay; encrypted under the resident’s key', example: '家中主要劳动力工伤住院' })
  @IsString()
  @Length(1, 1000)
  justification!: string;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() on?: string;
}
