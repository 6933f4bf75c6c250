import { CASE_GROUPS, CASE_PRIORITIES, CaseGroup, CasePriority } from '@kinship/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AfterPositionQuery, PAGE_LIMITS, PageQuery } from '../projection/page-query.request.dto';

export const DEFAULT_QUEUE_PAGE_SIZE = PAGE_LIMITS.defaultPageSize;

/** The query string of a case queue. Unknown parameters are rejected by the validation pipe. */
export class CaseQueueQueryDto extends PageQuery() {
  @ApiPropertyOptional({ enum: CASE_GROUPS, description: 'One working group of the council' })
  @IsOptional()
  @IsIn(CASE_GROUPS)
  group?: CaseGroup;

  @ApiPropertyOptional({ enum: CASE_PRIORITIES })
  @IsOptional()
  @IsIn(CASE_PRIORITIES)
  priority?: CasePriority;
}

/** The chain's queue: the station queue's parameters, optionally narrowed to one station. */
export class CenterCaseQueueQueryDto extends CaseQueueQueryDto {
  @ApiPropertyOptional({ example: 'guangyi' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'stationId must be a station id' })
  stationId?: string;
}

/** A single case: only read-your-writes. */
export class CaseQueryDto extends AfterPositionQuery {}
