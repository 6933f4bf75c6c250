import { ACTIVITY_KINDS } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsDateOnly, IsTimeOfDay, TAG } from '../../shared/request-types.dto';

export class ShiftTimesDto {
  @ApiProperty({ example: '09:00' })
  @IsTimeOfDay()
  startTime!: string;

  @ApiProperty({ example: '12:00' })
  @IsTimeOfDay()
  endTime!: string;

  @ApiProperty({ example: 2, description: 'Fewer volunteers and the shift is understaffed' })
  @IsInt()
  @Min(0)
  @Max(500)
  minStaff!: number;

  @ApiProperty({ example: 6, description: 'No sign-up beyond this' })
  @IsInt()
  @Min(1)
  @Max(500)
  maxStaff!: number;
}

export class ShiftPlanDto extends ShiftTimesDto {
  @ApiProperty({ example: '2026-06-20' })
  @IsDateOnly()
  date!: string;
}

/** The same shift on some weekdays of every week between two dates. */
export class RecurrenceDto extends ShiftTimesDto {
  @ApiProperty({ example: '2026-06-15' })
  @IsDateOnly()
  from!: string;

  @ApiProperty({ example: '2026-08-31' })
  @IsDateOnly()
  until!: string;

  @ApiProperty({ example: [6], description: 'ISO weekdays: 1 Monday to 7 Sunday' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays!: number[];
}

/** Shifts given one by one, as a recurrence, or both. */
export class ShiftsDto {
  @ApiPropertyOptional({ type: [ShiftPlanDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ShiftPlanDto)
  shifts?: ShiftPlanDto[];

  @ApiPropertyOptional({ type: RecurrenceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence?: RecurrenceDto;
}

export class ScheduleActivityRequest extends ShiftsDto {
  @ApiProperty({ example: 'Saturday clean-up of the compound' })
  @IsString()
  @Length(1, 120)
  title!: string;

  @ApiProperty({ enum: ACTIVITY_KINDS })
  @IsIn(ACTIVITY_KINDS)
  kind!: (typeof ACTIVITY_KINDS)[number];

  @ApiProperty({ example: '广瑞一村 east gate' })
  @IsString()
  @Length(1, 120)
  location!: string;

  @ApiPropertyOptional({ example: ['first-aid'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(TAG, { each: true, message: 'each skill must be a short tag such as first-aid' })
  requiredSkills?: string[];
}

export class ShiftsCreatedResponse {
  @ApiProperty({ type: [String], description: 'Ids of the shifts created: YYYYMMDD-HHMM of their start' }) shiftIds!: string[];
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}

export class ScheduleActivityResponse extends ShiftsCreatedResponse {
  @ApiProperty() activityId!: string;
}

/** The plain shift plans of a request, for the decider. */
export function shiftsOf(request: ShiftsDto) {
  const times = ({ startTime, endTime, minStaff, maxStaff }: ShiftTimesDto) => ({ startTime, endTime, minStaff, maxStaff });
  return {
    ...(request.shifts !== undefined ? { shifts: request.shifts.map((shift) => ({ date: shift.date, ...times(shift) })) } : {}),
    ...(request.recurrence !== undefined
      ? { recurrence: { from: request.recurrence.from, until: request.recurrence.until, weekdays: request.recurrence.weekdays, ...times(request.recurrence) } }
      : {}),
  };
}
