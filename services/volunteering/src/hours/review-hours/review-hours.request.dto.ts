import { HOURS_REJECTION_REASONS } from '@kinship/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsIdentifier } from '../../shared/request-types.dto';

export class CoSignHoursRequest {
  @ApiProperty({ description: 'The household the service was given to' })
  @IsIdentifier()
  householdId!: string;

  @ApiProperty({ description: 'The member of the household who signs, by resident id' })
  @IsIdentifier()
  signatoryResidentId!: string;
}

export class RejectHoursRequest {
  @ApiProperty({ enum: HOURS_REJECTION_REASONS })
  @IsIn(HOURS_REJECTION_REASONS)
  reason!: (typeof HOURS_REJECTION_REASONS)[number];
}
