import { Department, DEPARTMENTS } from '@kinship/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';

/** The departments the residents now agree their data may be shared with (empty withdraws every consent). */
export class UpdateConsentRequest {
  @ApiProperty({ enum: DEPARTMENTS, isArray: true })
  @IsArray()
  @ArrayMaxSize(DEPARTMENTS.length)
  @IsIn(DEPARTMENTS, { each: true })
  consentScope!: Department[];
}
