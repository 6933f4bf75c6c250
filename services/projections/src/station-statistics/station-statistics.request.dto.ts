import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { AfterPositionQuery } from '../read-your-writes/read-your-writes';

/** An optional day in a query string: 'YYYY-MM-DD', and a day the calendar has. */
export function IsOptionalDate(): PropertyDecorator {
  const checks = [
    IsOptional(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  ];
  return (target, key) => checks.forEach((check) => check(target, key));
}

/** A range of days at the station: `to` defaults to today there, `from` to the first of `to`'s month. */
export class StatisticsRangeQuery extends AfterPositionQuery {
  @ApiPropertyOptional({ description: "First day, YYYY-MM-DD; defaults to the first of the last day's month", example: '2012-06-01' })
  @IsOptionalDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day, YYYY-MM-DD; defaults to today at the station', example: '2012-06-30' })
  @IsOptionalDate()
  to?: string;
}
