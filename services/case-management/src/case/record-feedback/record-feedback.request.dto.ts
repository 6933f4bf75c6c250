import { ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { ExactlyOneOf, IsFreeText } from '../../shared/case-request-types.dto';

/** The resident's satisfaction from 1 to 5, or their refusal to give one. */
export class RecordFeedbackRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'Give this or refused' })
  @ValidateIf((o: RecordFeedbackRequest) => o.satisfaction !== undefined || o.refused === undefined)
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number;

  @ApiPropertyOptional({ enum: [true], description: 'The resident declined to give feedback' })
  @ValidateIf((o: RecordFeedbackRequest) => o.refused !== undefined)
  @Equals(true)
  @ExactlyOneOf(['satisfaction', 'refused'])
  refused?: true;

  @ApiPropertyOptional({ description: "The resident's words; encrypted under the case key" })
  @IsOptional()
  @IsFreeText(1000)
  comment?: string;
}
