import { DAY_PARTS } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsDateOnly, IsIdentifier, PHONE, TAG } from '../../shared/request-types.dto';

export class AvailabilityDto {
  @ApiProperty({ description: 'ISO weekday: 1 Monday to 7 Sunday', example: 6 })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ enum: DAY_PARTS })
  @IsIn(DAY_PARTS)
  part!: (typeof DAY_PARTS)[number];
}

/** Skills, languages and availability: what a coordinator matches volunteers to shifts with. */
export class VolunteerProfileDto {
  @ApiPropertyOptional({ example: ['first-aid', 'tutoring'], description: 'Short tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: 'each skill must be a short tag such as first-aid' })
  skills?: string[];

  @ApiPropertyOptional({ example: ['zh', 'zh-wuu'], description: 'Language tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(TAG, { each: true, message: 'each language must be a short tag such as zh-wuu' })
  languages?: string[];

  @ApiPropertyOptional({ type: [AvailabilityDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityDto)
  availability?: AvailabilityDto[];
}

export class EnrolVolunteerRequest extends VolunteerProfileDto {
  @ApiPropertyOptional({ description: "The registry's resident id, when the volunteer is a registered resident (usually)" })
  @IsOptional()
  @IsIdentifier()
  residentId?: string;

  @ApiProperty({ example: '王秀英' })
  @IsString()
  @Length(1, 60)
  name!: string;

  @ApiProperty({ example: '13812345678' })
  @Matches(PHONE, { message: 'phone must be a mainland mobile or landline number' })
  phone!: string;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'Defaults to today' })
  @IsOptional()
  @IsDateOnly()
  enrolledOn?: string;
}

export class EnrolVolunteerResponse {
  @ApiProperty() volunteerId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}
