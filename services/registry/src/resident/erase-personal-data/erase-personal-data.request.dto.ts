import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ErasePersonalDataRequest {
  @ApiProperty({ description: 'Who asked for the erasure (the resident, a guardian, a court...)', example: 'the resident in person' })
  @IsString()
  @Length(1, 100)
  requestedBy!: string;

  @ApiProperty({ example: 'left the city; asked to be forgotten' })
  @IsString()
  @Length(1, 200)
  reason!: string;
}
