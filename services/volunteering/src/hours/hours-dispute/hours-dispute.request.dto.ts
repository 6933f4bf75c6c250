import { HOURS_DISPUTE_PARTIES, HOURS_DISPUTE_REASONS } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsDateOnly } from '../../shared/request-types.dto';

export class DisputeHoursRequest {
  @ApiProperty({ enum: HOURS_DISPUTE_PARTIES })
  @IsIn(HOURS_DISPUTE_PARTIES)
  raisedBy!: (typeof HOURS_DISPUTE_PARTIES)[number];

  @ApiProperty({ enum: HOURS_DISPUTE_REASONS })
  @IsIn(HOURS_DISPUTE_REASONS)
  reason!: (typeof HOURS_DISPUTE_REASONS)[number];
}

/** Settles a dispute with the figures found right; zero minutes when the service was not given. */
export class CorrectHoursRequest {
  @ApiProperty({ example: 90, minimum: 0, maximum: 960 })
  @IsInt()
  @Min(0)
  @Max(960)
  minutes!: number;

  @ApiPropertyOptional({ description: 'The right date, when that was wrong' })
  @IsOptional()
  @IsDateOnly()
  servedOn?: string;
}
