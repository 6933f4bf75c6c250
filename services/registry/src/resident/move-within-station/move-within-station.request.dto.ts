import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsDateOnly } from '../../shared/request-types.dto';

export class MoveWithinStationRequest {
  @ApiProperty({ example: '广益新村' }) @IsString() @Length(1, 60) compound!: string;
  @ApiProperty({ example: '3' }) @IsString() @Length(1, 20) building!: string;
  @ApiProperty({ example: '1' }) @IsString() @Length(1, 20) unit!: string;
  @ApiPropertyOptional({ example: '502' }) @IsOptional() @IsString() @Length(1, 20) room?: string;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() movedOn?: string;
}
