import { ApiPropertyOptional } from '@nestjs/swagger';
import { AfterPositionQuery } from '../read-your-writes/read-your-writes';
import { IsOptionalDate } from '../station-statistics/station-statistics.request.dto';

export class ChainOverviewQuery extends AfterPositionQuery {
  @ApiPropertyOptional({ description: "The day the overview is for (today's figures, month and year to date), YYYY-MM-DD; defaults to today at the station" })
  @IsOptionalDate()
  asOf?: string;
}
