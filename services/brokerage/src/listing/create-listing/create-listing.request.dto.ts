import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { CommandOutcomeResponse, IsFen } from '../../application/request-types';

export class CreateListingRequest {
  @ApiProperty({ description: 'A landlord registered at the station' }) @IsUUID() landlordId!: string;
  @ApiProperty({ description: 'Residential compound (小区)', example: '广瑞一村' }) @IsString() @Length(1, 60) compound!: string;
  @ApiProperty({ example: '12' }) @IsString() @Length(1, 20) building!: string;
  @ApiProperty({ description: 'Entrance (单元) within the building', example: '2' }) @IsString() @Length(1, 20) unit!: string;
  @ApiProperty({ example: '301' }) @IsString() @Length(1, 20) room!: string;
  @ApiProperty({ description: 'Floor area in square metres', example: 38.5 })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(1)
  @Max(1000)
  areaSqm!: number;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(20) rooms!: number;
  @ApiProperty({ description: 'Monthly rent in fen (分)', example: 120000 }) @IsFen() monthlyRentFen!: number;
  @ApiProperty({ description: 'Deposit in fen (分)', example: 120000 }) @IsFen({ allowZero: true }) depositFen!: number;
  @ApiPropertyOptional({ description: 'References to photos in the blob store', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  photos?: string[];
  @ApiPropertyOptional({ description: 'Places within walking distance, matched against where households work', type: [String], example: ['广瑞路工业园'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  nearby?: string[];
}

export class CreateListingResponse extends CommandOutcomeResponse {
  @ApiProperty() listingId!: string;
}
