import { SESSION_CANCELLATION_REASONS } from '@kinship/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsString, Length } from 'class-validator';
import { IsFreeText, IsId } from '../../shared/case-request-types.dto';

export class ScheduleMediationSessionRequest {
  @ApiProperty({ description: 'When the parties meet (ISO-8601 instant)', example: '2026-03-02T09:30:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'scheduledFor must be an ISO-8601 date and time' })
  scheduledFor!: string;

  @ApiProperty({ example: '社区议事厅' })
  @IsString()
  @Length(1, 200)
  place!: string;

  @ApiProperty({ description: 'At least two parties of the case', example: ['resident-id', 'party-id'] })
  @IsArray()
  @ArrayMinSize(2, { message: 'partyIds must name at least two parties' })
  @ArrayMaxSize(20)
  @IsId({ each: true })
  partyIds!: string[];
}

export class MediationSessionScheduledResponse {
  @ApiProperty() sessionId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}

export class RecordMediationSessionRequest {
  @ApiProperty({ description: 'The parties who came' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsId({ each: true })
  attendeePartyIds!: string[];

  @ApiProperty({ description: 'What was said; encrypted under the case key' })
  @IsFreeText(20_000)
  record!: string;
}

export class CancelMediationSessionRequest {
  @ApiProperty({ enum: SESSION_CANCELLATION_REASONS })
  @IsIn(SESSION_CANCELLATION_REASONS)
  reason!: (typeof SESSION_CANCELLATION_REASONS)[number];
}
