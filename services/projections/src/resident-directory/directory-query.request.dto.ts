import { ApiPropertyOptional } from '@nestjs/swagger';
import { PERMIT_STATUSES } from '@kinship/contracts';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AfterPositionQuery, PAGE_LIMITS, PageQuery } from '../projection/page-query.request.dto';
import { DIRECTORY_STATUSES, DirectoryStatus } from './resident-directory.document';

export const DEFAULT_PAGE_SIZE = PAGE_LIMITS.defaultPageSize;

/** The query string of a station's directory. Unknown parameters are rejected by the validation pipe. */
export class DirectoryQueryDto extends PageQuery() {
  @ApiPropertyOptional({ enum: DIRECTORY_STATUSES })
  @IsOptional()
  @IsIn(DIRECTORY_STATUSES)
  status?: DirectoryStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  compound?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  originProvince?: string;

  @ApiPropertyOptional({ enum: PERMIT_STATUSES })
  @IsOptional()
  @IsIn(PERMIT_STATUSES)
  permitStatus?: (typeof PERMIT_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  householdId?: string;

  @ApiPropertyOptional({ description: 'Exact name (matched through a blind index)' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: 'Exact phone number (matched through a blind index)' })
  @IsOptional()
  @IsString()
  @Matches(/^[+\d\s()-]*\d[+\d\s()-]*$/, { message: 'phone must be a phone number' })
  @MaxLength(30)
  phone?: string;

  @ApiPropertyOptional({ description: 'Exact resident ID number (matched through its keyed hash)' })
  @IsOptional()
  @IsString()
  @Matches(/^\s*[0-9]{15,17}[0-9Xx]?\s*$/, { message: 'idNumber must be a resident ID number' })
  idNumber?: string;
}

/** The query string of a chain's directory: the station filters, optionally narrowed to one station. */
export class CenterDirectoryQueryDto extends DirectoryQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  stationId?: string;
}

/** The query string of a single entry: only read-your-writes. */
export class DirectoryEntryQueryDto extends AfterPositionQuery {}
