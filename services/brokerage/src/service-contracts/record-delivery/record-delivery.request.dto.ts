import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsDateOnly } from '../../application/request-types';

/** Units delivered on one day; for day-care, the children who attended (a count: no names). */
export class RecordDeliveryRequest {
  @ApiProperty() @IsDateOnly() deliveredOn!: string;
  @ApiProperty({ example: 23 }) @IsInt() @Min(0) @Max(100_000) units!: number;
  @ApiPropertyOptional({ description: 'Required to change a day already recorded', example: 'two children counted twice' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  correctionReason?: string;
}
