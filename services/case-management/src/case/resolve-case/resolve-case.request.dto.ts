import { RESOLUTION_OUTCOMES } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsFreeText } from '../../shared/case-request-types.dto';

export class ResolveCaseRequest {
  @ApiProperty({ enum: RESOLUTION_OUTCOMES })
  @IsIn(RESOLUTION_OUTCOMES)
  outcome!: (typeof RESOLUTION_OUTCOMES)[number];

  @ApiPropertyOptional({ description: 'How it was resolved; encrypted under the case key' })
  @IsOptional()
  @IsFreeText()
  summary?: string;
}
