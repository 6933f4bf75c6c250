import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { STATION_ID } from '../../shared/case-request-types.dto';

export class HandOverCaseRequest {
  @ApiProperty({ description: 'Another station of the district', example: 'guangyi' })
  @Matches(STATION_ID, { message: 'toStationId must be a station id' })
  toStationId!: string;
}
