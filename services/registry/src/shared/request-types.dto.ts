import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

/** Request shapes reused by several registry use cases. */

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Resident and household ids: the registry makes them as UUIDs (v7), lower-case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class OriginDto {
  @ApiProperty({ example: '安徽省' })
  @IsString()
  @Length(1, 40)
  province!: string;

  @ApiProperty({ example: '阜阳市' })
  @IsString()
  @Length(1, 40)
  city!: string;
}

export class AddressDto {
  @ApiProperty({ description: 'Residential compound (小区) of the community', example: '广瑞一村' })
  @IsString()
  @Length(1, 60)
  compound!: string;

  @ApiProperty({ example: '12' })
  @IsString()
  @Length(1, 20)
  building!: string;

  @ApiProperty({ example: '2' })
  @IsString()
  @Length(1, 20)
  unit!: string;

  @ApiPropertyOptional({ example: '301' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  room?: string;
}

export class ChildNeedingSchoolDto {
  @ApiProperty({ example: 2019 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  birthYear!: number;

  @ApiProperty({ enum: ['kindergarten', 'primary', 'junior-secondary'] })
  @IsIn(['kindergarten', 'primary', 'junior-secondary'])
  schoolLevel!: 'kindergarten' | 'primary' | 'junior-secondary';
}

export class ConsentDto {
  @ApiProperty({ description: 'The resident agreed to the processing of their data', example: true })
  @Equals(true, { message: 'consent.given must be true: a resident is registered only with consent' })
  given!: true;

  @ApiProperty({ example: ['registry', 'services'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'consent.scope must name at least one purpose' })
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  scope!: string[];
}

/** A calendar date as `YYYY-MM-DD` (the domain never needs a time of day for these). */
export function IsDateOnly(): PropertyDecorator {
  const checks = [
    Matches(DATE_ONLY, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  ];
  return (target, key) => checks.forEach((check) => check(target, key));
}
