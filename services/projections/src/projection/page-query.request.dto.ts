import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Read-your-writes: a query may wait (bounded) until the read model reflects a command's position. */
export class AfterPositionQuery {
  @ApiPropertyOptional({ description: 'A position a command returned: answer only once the read model reflects it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterPosition?: number;
}

/** How long a page of a read model's list may be, and how long it is when the query does not say. */
export interface PageLimits {
  maxPageSize: number;
  defaultPageSize: number;
}

/**
 * The highest page a list query may ask for: far past any list of a chain (10,000 pages of 100 is a million entries),
 * and low enough that `skip` stays a small number for every store.
 */
export const MAX_PAGE = 10_000;

/** The usual page of a list: 20 entries, at most 100. */
export const PAGE_LIMITS: PageLimits = { maxPageSize: 100, defaultPageSize: 20 };

/** The page a query asks for, with the defaults filled in and the entries to skip before it. */
export interface Paging {
  page: number;
  pageSize: number;
  skip: number;
}

/**
 * The query-string class of a read model's list: `page` (from 1), `pageSize` (1 to the limit) and read-your-writes.
 * Each list extends it with its own filters; a class per limit, since the limit is in the validation.
 */
export function PageQuery(limits: PageLimits = PAGE_LIMITS) {
  class PageQueryDto extends AfterPositionQuery {
    @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(MAX_PAGE)
    page?: number;

    @ApiPropertyOptional({ minimum: 1, maximum: limits.maxPageSize, default: limits.defaultPageSize })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(limits.maxPageSize)
    pageSize?: number;
  }
  return PageQueryDto;
}

/** The page `query` asks for under `limits`. */
export function pagingOf(query: { page?: number; pageSize?: number }, limits: PageLimits = PAGE_LIMITS): Paging {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? limits.defaultPageSize;
  return { page, pageSize, skip: (page - 1) * pageSize };
}
