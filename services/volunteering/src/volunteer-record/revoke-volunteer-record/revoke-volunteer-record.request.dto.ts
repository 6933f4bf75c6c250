import { RECORD_REVOCATION_REASONS } from '@kinship/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class RevokeVolunteerRecordRequest {
  @ApiProperty({ enum: RECORD_REVOCATION_REASONS })
  @IsIn(RECORD_REVOCATION_REASONS)
  reason!: (typeof RECORD_REVOCATION_REASONS)[number];
}
