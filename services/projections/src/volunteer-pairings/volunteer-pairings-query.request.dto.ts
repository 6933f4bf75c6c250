import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { VolunteeringPageQuery } from '../volunteer-shared/read-model-query.request.dto';

const STATUSES = ['active', 'ended'] as const;
const CATEGORIES = ['elderly-living-alone', 'disabled', 'hardship'] as const;

export class PairingContinuityQuery extends VolunteeringPageQuery {
  @ApiPropertyOptional({ description: 'The day continuity is judged on, YYYY-MM-DD; defaults to today at the station' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'asOf must be a real calendar date' })
  asOf?: string;

  @ApiPropertyOptional({ description: 'true: only pairings without a visit for longer than their alert allows' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: (typeof CATEGORIES)[number];
}
