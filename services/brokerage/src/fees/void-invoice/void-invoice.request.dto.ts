import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsDateOnly } from '../../application/request-types';

export class VoidInvoiceRequest {
  @ApiProperty({ example: 'issued on the wrong lease' }) @IsString() @Length(1, 500) reason!: string;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() on?: string;
}
