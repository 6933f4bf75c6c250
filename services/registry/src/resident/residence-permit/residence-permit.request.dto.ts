import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDateOnly } from '../../shared/request-types.dto';

/** The steps of the residence-permit (居住证) lifecycle a station records. */
export const PERMIT_STEPS = ['application', 'issue', 'endorsement', 'lapse', 'restoration'] as const;
export type PermitStep = (typeof PERMIT_STEPS)[number];

export class RecordPermitStepRequest {
  @ApiPropertyOptional({ description: 'The day the step happened; defaults to today. Ignored for a lapse, which dates itself.' })
  @IsOptional()
  @IsDateOnly()
  on?: string;
}
