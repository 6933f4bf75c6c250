import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ChildNeedingSchoolDto, IsDateOnly, OriginDto, PHONE } from '../../shared/request-types.dto';
import { IsResidentIdNumber } from '../../shared/is-resident-id-number';

/** Only the fields present change; the address inside the compound changes with a move, not here. */
export class CorrectResidentDetailsRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsResidentIdNumber() idNumber?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(PHONE, { message: 'phone must be an 11-digit mobile number or a landline with area code' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() birthDate?: string;
  @ApiPropertyOptional({ enum: ['female', 'male'] }) @IsOptional() @IsIn(['female', 'male']) sex?: 'female' | 'male';
  @ApiPropertyOptional({ type: OriginDto }) @IsOptional() @ValidateNested() @Type(() => OriginDto) origin?: OriginDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) employer?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 60) occupation?: string;

  @ApiPropertyOptional({ type: [ChildNeedingSchoolDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => ChildNeedingSchoolDto)
  childrenNeedingSchool?: ChildNeedingSchoolDto[];

  @ApiProperty({ description: 'Why the record is corrected (kept in the history)', example: 'phone number changed' })
  @IsString()
  @Length(1, 200)
  reason!: string;
}
