import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { VolunteeringPageQuery } from '../volunteer-shared/read-model-query.request.dto';

const STAFFING = ['understaffed', 'staffed', 'full'] as const;
const SHIFT_STATUSES = ['scheduled', 'cancelled'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class VolunteerRostersQuery extends VolunteeringPageQuery {
  @ApiPropertyOptional({ description: 'First day, YYYY-MM-DD; defaults to today at the station' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day, YYYY-MM-DD; defaults to 30 days after from' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date' })
  to?: string;

  @ApiPropertyOptional({ enum: STAFFING, description: 'Only shifts in this staffing state (understaffed: fewer than the minimum)' })
  @IsOptional()
  @IsIn(STAFFING)
  staffing?: (typeof STAFFING)[number];

  @ApiPropertyOptional({ enum: SHIFT_STATUSES })
  @IsOptional()
  @IsIn(SHIFT_STATUSES)
  status?: (typeof SHIFT_STATUSES)[number];
}
