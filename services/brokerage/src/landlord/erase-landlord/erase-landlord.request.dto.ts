import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class EraseLandlordRequest {
  @ApiProperty({ description: 'Who asked for the erasure', example: 'the landlord in person' }) @IsString() @Length(1, 100) requestedBy!: string;
  @ApiProperty({ example: 'no longer lets through the station' }) @IsString() @Length(1, 500) reason!: string;
}
