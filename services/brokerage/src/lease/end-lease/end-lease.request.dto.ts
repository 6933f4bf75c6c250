import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsDateOnly, IsFen } from '../../application/request-types';

export class EndLeaseRequest {
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() endedOn?: string;
  @ApiProperty({ description: 'Deposit returned to the resident, in fen', example: 120000 }) @IsFen({ allowZero: true }) depositReturnedFen!: number;
  @ApiPropertyOptional({ description: 'Why part of the deposit was kept; required when any was', example: 'broken window' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  withholdingReason?: string;
}
