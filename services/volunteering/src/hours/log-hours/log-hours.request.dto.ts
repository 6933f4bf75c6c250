import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsDateOnly, IsIdentifier } from '../../shared/request-types.dto';

const SHIFT_ID = /^\d{8}-\d{4}$/;

/** Hours the volunteer reports themselves; shifts checked out of are credited on their own. */
export class LogHoursRequest {
  @ApiProperty({ example: '2026-06-06' })
  @IsDateOnly()
  servedOn!: string;

  @ApiProperty({ example: 120, minimum: 1, maximum: 960 })
  @IsInt()
  @Min(1)
  @Max(960)
  minutes!: number;

  @ApiPropertyOptional({ description: 'The activity of the shift served on (with shiftId)' })
  @ValidateIf((request: LogHoursRequest) => request.activityId !== undefined || request.shiftId !== undefined)
  @IsDefined({ message: 'activityId and shiftId go together' })
  @IsIdentifier()
  activityId?: string;

  @ApiPropertyOptional({ example: '20260606-0900', description: 'The shift served on (with activityId): needs a check-in' })
  @ValidateIf((request: LogHoursRequest) => request.activityId !== undefined || request.shiftId !== undefined)
  @IsDefined({ message: 'activityId and shiftId go together' })
  @Matches(SHIFT_ID, { message: 'shiftId must be a shift id as YYYYMMDD-HHMM' })
  shiftId?: string;

  @ApiPropertyOptional({ description: 'What was done (kept encrypted)', example: 'Helped at the Mid-Autumn gathering' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;
}

export class LogHoursResponse {
  @ApiProperty() entryId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}
