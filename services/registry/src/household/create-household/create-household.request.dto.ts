import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateHouseholdRequest {
  @ApiProperty({ example: '广瑞一村' }) @IsString() @Length(1, 60) compound!: string;
}
