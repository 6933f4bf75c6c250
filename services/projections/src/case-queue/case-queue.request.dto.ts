import { CASE_GROUPS, CASE_PRIORITIES, CaseGroup, CasePriority } from '@kinship/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_QUEUE_PAGE_SIZE = 100;
export const DEFAULT_QUEUE_PAGE_SIZE = 20;

/** The query string of a case queue. Unknown parameters are rejected by the validation pipe. */
export class CaseQueueQueryDto {
  @ApiPropertyOptional({ enum: CASE_GROUPS, description: 'One working group of the council' })
  @IsOptional()
  @IsIn(CASE_GROUPS)
  group?: CaseGroup;

  @ApiPropertyOptional({ enum: CASE_PRIORITIES })
  @IsOptional()
  @IsIn(CASE_PRIORITIES)
  priority?: CasePriority;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_QUEUE_PAGE_SIZE, default: DEFAULT_QUEUE_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_QUEUE_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'A position a command returned: answer only once the queue reflects it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterPosition?: number;
}

/** The chain's queue: the station queue's parameters, optionally narrowed to one station. */
export class CenterCaseQueueQueryDto extends CaseQueueQueryDto {
  @ApiPropertyOptional({ example: 'guangyi' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'stationId must be a station id' })
  stationId?: string;
}

/** A single case: only read-your-writes. */
export class CaseQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterPosition?: number;
}
