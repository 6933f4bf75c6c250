import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { VolunteeringPageQuery } from '../volunteer-shared/read-model-query.request.dto';

const KINDS = ['credit', 'payment', 'reversal'] as const;

export class AidFundLedgerQuery extends VolunteeringPageQuery {
  @ApiPropertyOptional({ enum: KINDS })
  @IsOptional()
  @IsIn(KINDS)
  kind?: (typeof KINDS)[number];
}
