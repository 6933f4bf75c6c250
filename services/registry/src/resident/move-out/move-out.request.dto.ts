import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsDateOnly } from '../../shared/request-types.dto';

export class MoveOutRequest {
  @ApiProperty({ example: '2026-11-25' }) @IsDateOnly() movedOutOn!: string;
  @ApiProperty({ example: 'returned to home province' }) @IsString() @Length(1, 200) reason!: string;
}
