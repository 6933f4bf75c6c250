import { DUTY_CHECK_RESULTS } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsFreeText, IsId } from '../../shared/case-request-types.dto';

/** One duty of the agreement: who does what by when. */
export class DutyDto {
  @ApiProperty({ description: 'The party who owes it' })
  @IsId()
  partyId!: string;

  @ApiProperty({ description: 'What they do; encrypted under the case key', example: '赔偿修缮费用800元' })
  @IsFreeText(2000)
  what!: string;

  @ApiProperty()
  @IsCalendarDate()
  dueOn!: string;
}

export class ReachMediationAgreementRequest {
  @ApiProperty({ description: 'The session (held) at which the parties agreed' })
  @IsId()
  sessionId!: string;

  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  reachedOn?: string;

  @ApiProperty({ type: [DutyDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'duties must hold at least one duty' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DutyDto)
  duties!: DutyDto[];
}

export class AgreementReachedResponse {
  @ApiProperty() agreementId!: string;
  @ApiProperty({ type: [String], description: 'The ids of the duties, in the order given' }) dutyIds!: string[];
  @ApiProperty({ description: 'The last day the parties may ask a court to confirm the agreement' }) courtConfirmationDeadline!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}

export class CheckDutyRequest {
  @ApiProperty({ enum: DUTY_CHECK_RESULTS, description: 'pending keeps the duty open for another check' })
  @IsIn(DUTY_CHECK_RESULTS)
  result!: (typeof DUTY_CHECK_RESULTS)[number];

  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  checkedOn?: string;

  @ApiPropertyOptional({ description: 'What the check found; encrypted under the case key' })
  @IsOptional()
  @IsFreeText()
  note?: string;
}

export class RecordCourtConfirmationRequestRequest {
  @ApiPropertyOptional({ description: 'When the parties filed the request; defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  requestedOn?: string;
}
