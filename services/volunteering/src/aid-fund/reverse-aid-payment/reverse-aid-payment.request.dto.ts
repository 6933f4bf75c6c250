import { AID_REVERSAL_REASONS } from '@kinship/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class ReverseAidPaymentRequest {
  @ApiProperty({ enum: AID_REVERSAL_REASONS })
  @IsIn(AID_REVERSAL_REASONS)
  reason!: (typeof AID_REVERSAL_REASONS)[number];
}
