import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsDateOnly } from '../../application/request-types';

export class ReverseEntryRequest {
  @ApiProperty({ example: 'booked twice' }) @IsString() @Length(1, 500) reason!: string;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() reversedOn?: string;
}
