import { DEPARTURE_REASONS, SUSPENSION_REASONS } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsDateOnly } from '../../shared/request-types.dto';

export class SuspendVolunteerRequest {
  @ApiProperty({ enum: SUSPENSION_REASONS })
  @IsIn(SUSPENSION_REASONS)
  reason!: (typeof SUSPENSION_REASONS)[number];

  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsDateOnly()
  suspendedOn?: string;
}

export class ReinstateVolunteerRequest {
  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsDateOnly()
  reinstatedOn?: string;
}

export class RecordDepartureRequest {
  @ApiProperty({ enum: DEPARTURE_REASONS })
  @IsIn(DEPARTURE_REASONS)
  reason!: (typeof DEPARTURE_REASONS)[number];

  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsDateOnly()
  leftOn?: string;
}
