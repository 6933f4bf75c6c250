import { ASSIGNEE_KINDS } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsId } from '../../shared/case-request-types.dto';

/** Assigns the case, or reassigns it, to a station worker or a council member. */
export class AssignCaseRequest {
  @ApiProperty({ description: 'User id of the worker or council member', example: 'worker-li' })
  @IsId()
  assigneeId!: string;

  @ApiPropertyOptional({ enum: ASSIGNEE_KINDS, default: 'worker' })
  @IsOptional()
  @IsIn(ASSIGNEE_KINDS)
  assigneeKind?: (typeof ASSIGNEE_KINDS)[number];
}
