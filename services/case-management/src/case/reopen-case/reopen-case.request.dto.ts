import { ApiProperty } from '@nestjs/swagger';
import { IsFreeText } from '../../shared/case-request-types.dto';

export class ReopenCaseRequest {
  @ApiProperty({ description: 'Why the matter is not settled after all; encrypted under the case key' })
  @IsFreeText()
  reason!: string;
}
