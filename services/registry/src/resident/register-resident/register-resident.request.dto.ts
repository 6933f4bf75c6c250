import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { AddressDto, ChildNeedingSchoolDto, ConsentDto, IsDateOnly, OriginDto, PHONE, UUID } from '../../shared/request-types.dto';
import { IsResidentIdNumber } from '../../shared/is-resident-id-number';

export class RegisterResidentRequest {
  @ApiProperty({ example: '王秀英' })
  @IsString()
  @Length(1, 50)
  name!: string;

  @ApiProperty({ enum: ['female', 'male'] })
  @IsIn(['female', 'male'])
  sex!: 'female' | 'male';

  @ApiProperty({ example: '1990-03-07' })
  @IsDateOnly()
  birthDate!: string;

  @ApiProperty({ description: '18-character resident ID number (GB 11643)', example: '34120119900307002X' })
  @IsResidentIdNumber()
  idNumber!: string;

  @ApiProperty({ example: '13812345678' })
  @Matches(PHONE, { message: 'phone must be an 11-digit mobile number or a landline with area code' })
  phone!: string;

  @ApiProperty({ type: OriginDto })
  @ValidateNested()
  @Type(() => OriginDto)
  origin!: OriginDto;

  @ApiProperty({ example: '2026-11-20' })
  @IsDateOnly()
  arrivalDate!: string;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ApiPropertyOptional({ example: '无锡某电子厂' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  employer?: string;

  @ApiPropertyOptional({ example: 'assembly worker' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  occupation?: string;

  @ApiPropertyOptional({ description: 'An existing household of this station' })
  @IsOptional()
  @Matches(UUID, { message: 'householdId must be a household id of this station' })
  householdId?: string;

  @ApiPropertyOptional({ type: [ChildNeedingSchoolDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => ChildNeedingSchoolDto)
  childrenNeedingSchool?: ChildNeedingSchoolDto[];

  @ApiProperty({ type: ConsentDto })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent!: ConsentDto;
}

export class RegisterResidentResponse {
  @ApiProperty() residentId!: string;
  @ApiProperty({ description: 'Version of the resident stream after the command' }) streamVersion!: number;
  @ApiProperty({ description: 'Log position: pass it as afterPosition to a directory query to read your write' })
  position!: number;
}
