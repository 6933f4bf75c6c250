import { CASE_CATEGORIES, CaseCategory } from '@kinship/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsObject, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../shared/case-request-types.dto';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_TARGET_MINUTES = 366 * 24 * 60;

export class SlaTargetDto {
  @ApiProperty({ enum: CASE_CATEGORIES })
  @IsIn(CASE_CATEGORIES)
  category!: CaseCategory;

  @ApiProperty({ description: 'Business minutes until the case must be taken up', example: 240 })
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  responseMinutes!: number;

  @ApiProperty({ description: 'Business minutes until the case must be resolved', example: 5400 })
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  resolutionMinutes!: number;
}

export class WorkingCalendarDto {
  @ApiProperty({ description: 'Minutes east of UTC', example: 480 })
  @IsInt()
  @Min(-14 * 60)
  @Max(14 * 60)
  utcOffsetMinutes!: number;

  @ApiProperty({ description: 'ISO weekdays open, 1 = Monday', example: [1, 2, 3, 4, 5] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workdays!: number[];

  @ApiProperty({ example: '08:30' })
  @Matches(CLOCK_TIME, { message: 'opens must be a time of day as HH:MM' })
  opens!: string;

  @ApiProperty({ example: '17:30' })
  @Matches(CLOCK_TIME, { message: 'closes must be a time of day as HH:MM' })
  closes!: string;

  @ApiProperty({ description: 'Public holidays (法定节假日)', example: ['2026-10-01'] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsCalendarDate({ each: true })
  holidays!: string[];

  @ApiProperty({ description: 'Make-up working days (调休)', example: ['2026-10-10'] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsCalendarDate({ each: true })
  extraWorkdays!: string[];
}

/** The one service process of a center: a target per category, the warning share, the reopening window, the hours. */
export class SetSlaPolicyRequest {
  @ApiProperty({ type: [SlaTargetDto], description: 'One target for every category' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CASE_CATEGORIES.length)
  @ValidateNested({ each: true })
  @Type(() => SlaTargetDto)
  targets!: SlaTargetDto[];

  @ApiProperty({ description: 'Share of a target after which a warning is raised', example: 0.8 })
  @IsNumber()
  @Min(0.05)
  @Max(0.95)
  warningRatio!: number;

  @ApiProperty({ description: 'Days after a resolution during which a case may be reopened', example: 30 })
  @IsInt()
  @Min(0)
  @Max(366)
  reopenWindowDays!: number;

  @ApiProperty({ type: WorkingCalendarDto })
  @IsObject()
  @ValidateNested()
  @Type(() => WorkingCalendarDto)
  calendar!: WorkingCalendarDto;
}
