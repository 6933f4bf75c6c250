import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsDateOnly } from '../../shared/request-types.dto';

/** Pending hours only: verified hours are disputed and corrected, never edited. */
export class AmendHoursRequest {
  @ApiPropertyOptional({ example: '2026-06-06' })
  @IsOptional()
  @IsDateOnly()
  servedOn?: string;

  @ApiPropertyOptional({ example: 90, minimum: 1, maximum: 960 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(960)
  minutes?: number;

  @ApiPropertyOptional({ description: 'What was done (kept encrypted)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;
}
