import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AfterPositionQuery } from '../read-your-writes/read-your-writes';
import { IsYear } from '../volunteer-shared/is-year';
import { VolunteeringPageQuery } from '../volunteer-shared/read-model-query.request.dto';

const STATUSES = ['active', 'suspended', 'left', 'erased'] as const;

export class VolunteerHoursQuery extends VolunteeringPageQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Defaults to the current year at the station' })
  @IsOptional()
  @IsYear()
  year?: number;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class ChainHoursQuery extends AfterPositionQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Defaults to the current year' })
  @IsOptional()
  @IsYear()
  year?: number;
}
