import { PAIRING_END_REASONS } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsDateOnly } from '../../shared/request-types.dto';

export class SetVisitAlertRequest {
  @ApiProperty({ example: 7, description: 'Days without a visit before the pairing is overdue' })
  @IsInt()
  @Min(1)
  @Max(365)
  alertAfterDays!: number;
}

export class EndPairingRequest {
  @ApiProperty({ enum: PAIRING_END_REASONS })
  @IsIn(PAIRING_END_REASONS)
  reason!: (typeof PAIRING_END_REASONS)[number];

  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsDateOnly()
  endedOn?: string;
}
