import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const VOLUNTEERING_MAX_PAGE_SIZE = 200;
export const VOLUNTEERING_DEFAULT_PAGE_SIZE = 50;

/** Paging and read-your-writes, shared by volunteering's read-model queries. */
export class VolunteeringPageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: VOLUNTEERING_MAX_PAGE_SIZE, default: VOLUNTEERING_DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(VOLUNTEERING_MAX_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'A position a command returned: answer only once the read model reflects it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterPosition?: number;
}

export function pagingOf(query: VolunteeringPageQuery): { page: number; pageSize: number } {
  return { page: query.page ?? 1, pageSize: query.pageSize ?? VOLUNTEERING_DEFAULT_PAGE_SIZE };
}
