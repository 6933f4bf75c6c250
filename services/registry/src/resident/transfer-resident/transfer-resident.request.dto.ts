import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsDateOnly, SLUG } from '../../shared/request-types.dto';

/** The receiving station and where the resident will live there. */
export class TransferResidentRequest {
  @ApiProperty({ example: 'guangyi' }) @Matches(SLUG, { message: 'toStationId must be a station id' }) toStationId!: string;
  @ApiProperty({ example: '广益新村' }) @IsString() @Length(1, 60) compound!: string;
  @ApiProperty({ example: '7' }) @IsString() @Length(1, 20) building!: string;
  @ApiProperty({ example: '2' }) @IsString() @Length(1, 20) unit!: string;
  @ApiPropertyOptional({ example: '101' }) @IsOptional() @IsString() @Length(1, 20) room?: string;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() transferredOn?: string;
}
