import { CASE_PRIORITIES, CasePriority } from '@kinship/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class ChangePriorityRequest {
  @ApiProperty({ enum: CASE_PRIORITIES })
  @IsIn(CASE_PRIORITIES)
  priority!: CasePriority;
}
