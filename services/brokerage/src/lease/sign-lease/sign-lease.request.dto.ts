import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsDateOnly, IsFen } from '../../application/request-types';

export class SignLeaseRequest {
  @ApiProperty({ description: 'A published listing of the station' }) @IsUUID() listingId!: string;
  @ApiProperty({ description: 'The resident who rents' }) @IsUUID() residentId!: string;
  @ApiPropertyOptional({ description: 'The resident’s open housing request this lease fulfils' }) @IsOptional() @IsUUID() requestId?: string;
  @ApiProperty() @IsDateOnly() startsOn!: string;
  @ApiProperty() @IsDateOnly() endsOn!: string;
  @ApiPropertyOptional({ description: 'Monthly rent in fen; the listing’s when left out' }) @IsOptional() @IsFen() monthlyRentFen?: number;
  @ApiPropertyOptional({ description: 'Deposit in fen; the listing’s when left out' }) @IsOptional() @IsFen({ allowZero: true }) depositFen?: number;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() signedOn?: string;
}
