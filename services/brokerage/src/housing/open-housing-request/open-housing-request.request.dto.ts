import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CommandOutcomeResponse, IsDateOnly, IsFen } from '../../application/request-types';

/** What the household needs: ranked against the open listings. */
export class HousingNeedsRequest {
  @ApiProperty({ description: 'Highest monthly rent the household can pay, in fen (分)', example: 150000 }) @IsFen() budgetFen!: number;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(20) householdSize!: number;
  @ApiProperty({ description: 'Where they work, coarse: an industrial park or a compound', example: '广瑞路工业园' })
  @IsString()
  @Length(1, 60)
  workArea!: string;
  @ApiPropertyOptional({ description: 'The day they need to move in by' }) @IsOptional() @IsDateOnly() moveInBy?: string;
}

export class OpenHousingRequestRequest extends HousingNeedsRequest {
  @ApiPropertyOptional({ description: 'Free text; encrypted under the resident’s key', example: '需要一楼，老人腿脚不便' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  notes?: string;
}

export class OpenHousingRequestResponse extends CommandOutcomeResponse {
  @ApiProperty() requestId!: string;
}
