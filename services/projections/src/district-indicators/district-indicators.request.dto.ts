import { FEED_LEVELS, FeedLevel, INDICATOR_IDS, IndicatorId } from '@kinship/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Min } from 'class-validator';

const FORMATS = ['json', 'csv'] as const;

/** Filters of the release endpoints; every one optional. */
export class ReleaseCellsQuery {
  @ApiPropertyOptional({ enum: FEED_LEVELS })
  @IsOptional()
  @IsIn(FEED_LEVELS)
  level?: FeedLevel;

  @ApiPropertyOptional({ example: 'guangrui-1', description: 'A station, a chain (its service center) or a district' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'orgUnitId must be an org unit id' })
  orgUnitId?: string;

  @ApiPropertyOptional({ example: '2010', description: "A prefix of the period: '2010' matches 2010 and every month of it" })
  @IsOptional()
  @Matches(/^\d{4}(-\d{2})?$/, { message: 'period must be YYYY or YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ enum: INDICATOR_IDS })
  @IsOptional()
  @IsIn(INDICATOR_IDS)
  indicator?: IndicatorId;
}

/** The release endpoints answer JSON, or CSV with `format=csv` (or `Accept: text/csv`). */
export class ReleaseQuery extends ReleaseCellsQuery {
  @ApiPropertyOptional({ enum: FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: (typeof FORMATS)[number];
}

/** Issuing a release after one's own writes: wait (bounded) until the indicators have applied this position. */
export class IssueReleaseQuery {
  @ApiPropertyOptional({ example: 1200, description: 'A position a command returned; the release is computed at or after it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterPosition?: number;
}
