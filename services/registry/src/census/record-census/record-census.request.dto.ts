import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsDateOnly } from '../../shared/request-types.dto';

/** Far above any community a station serves; stops a typo of several digits at the edge. */
const MAX_COUNT = 10_000_000;

export class RecordCensusRequest {
  @ApiProperty({ description: 'The day the count is as of, not after today', example: '2026-06-30' })
  @IsDateOnly()
  asOf!: string;

  @ApiProperty({ description: 'Households of the whole community, not only new citizens', example: 4019, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  households!: number;

  @ApiProperty({ description: 'Residents of the whole community, not only new citizens', example: 9817, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  residents!: number;
}

export class CensusView {
  @ApiProperty({ example: 'guangrui-1' }) stationId!: string;
  @ApiProperty({ example: '2026-06-30' }) asOf!: string;
  @ApiProperty({ example: 4019 }) households!: number;
  @ApiProperty({ example: 9817 }) residents!: number;
  @ApiProperty({ description: 'When the census was recorded' }) recordedAt!: string;
  @ApiProperty({ description: 'Log position of the record' }) position!: number;
}
