import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDateOnly, IsFen } from '../../application/request-types';

export class RenewLeaseRequest {
  @ApiProperty({ description: 'The new end of the term, after the current one' }) @IsDateOnly() endsOn!: string;
  @ApiPropertyOptional({ description: 'The new monthly rent in fen; unchanged when left out' }) @IsOptional() @IsFen() monthlyRentFen?: number;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() renewedOn?: string;
}
