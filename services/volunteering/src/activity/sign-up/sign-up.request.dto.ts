import { ApiProperty } from '@nestjs/swagger';
import { IsIdentifier } from '../../shared/request-types.dto';

export class SignUpRequest {
  @ApiProperty({ description: 'A volunteer of the station' })
  @IsIdentifier()
  volunteerId!: string;
}
