import { Department, DEPARTMENTS, REFERRAL_OUTCOMES, SHARED_DATA, SharedData } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate, IsFreeText } from '../../shared/case-request-types.dto';

/** Refers the case to a department the residents consented to share with: what is shared and until when. */
export class ReferCaseRequest {
  @ApiProperty({ enum: DEPARTMENTS })
  @IsIn(DEPARTMENTS)
  department!: Department;

  @ApiProperty({ enum: SHARED_DATA, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'shared must name what the department receives' })
  @ArrayMaxSize(SHARED_DATA.length)
  @IsIn(SHARED_DATA, { each: true })
  shared!: SharedData[];

  @ApiProperty({ description: 'The last day the department may use what was shared' })
  @IsCalendarDate()
  shareUntil!: string;

  @ApiProperty({ description: 'Why the department is asked; encrypted under the case key' })
  @IsFreeText()
  reason!: string;
}

export class CaseReferredResponse {
  @ApiProperty() referralId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}

export class CloseReferralRequest {
  @ApiProperty({ enum: REFERRAL_OUTCOMES })
  @IsIn(REFERRAL_OUTCOMES)
  outcome!: (typeof REFERRAL_OUTCOMES)[number];

  @ApiPropertyOptional({ description: "The department's answer; encrypted under the case key" })
  @IsOptional()
  @IsFreeText()
  reply?: string;
}
