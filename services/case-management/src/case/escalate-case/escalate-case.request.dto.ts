import { ApiProperty } from '@nestjs/swagger';
import { IsFreeText } from '../../shared/case-request-types.dto';

export class EscalateCaseRequest {
  @ApiProperty({ description: 'Why the case goes up; encrypted under the case key' })
  @IsFreeText()
  reason!: string;
}
