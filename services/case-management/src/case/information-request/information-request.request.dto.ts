import { INFORMATION_REQUEST_OUTCOMES } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate, IsFreeText } from '../../shared/case-request-types.dto';

/** What the station needs from the resident; the SLA clock waits for the resident until the request is closed. */
export class RequestInformationRequest {
  @ApiProperty({ description: 'Encrypted under the case key', example: '请提供劳动合同复印件' })
  @IsFreeText()
  what!: string;

  @ApiPropertyOptional({ description: 'By when the resident is asked to answer' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;
}

export class InformationRequestedResponse {
  @ApiProperty() requestId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}

export class CloseInformationRequestRequest {
  @ApiProperty({ enum: INFORMATION_REQUEST_OUTCOMES })
  @IsIn(INFORMATION_REQUEST_OUTCOMES)
  outcome!: (typeof INFORMATION_REQUEST_OUTCOMES)[number];

  @ApiPropertyOptional({ description: 'What the resident provided; encrypted under the case key' })
  @IsOptional()
  @IsFreeText()
  summary?: string;
}
