import { VISIT_KINDS } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsDateOnly } from '../../shared/request-types.dto';

export class RecordVisitRequest {
  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsDateOnly()
  visitedOn?: string;

  @ApiProperty({ example: 60, minimum: 1, maximum: 960 })
  @IsInt()
  @Min(1)
  @Max(960)
  minutes!: number;

  @ApiProperty({ enum: VISIT_KINDS })
  @IsIn(VISIT_KINDS)
  kind!: (typeof VISIT_KINDS)[number];

  @ApiPropertyOptional({ description: 'How the visit went (kept encrypted)' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class RecordVisitResponse {
  @ApiProperty() visitId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}
