import { BENEFICIARY_CATEGORIES } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsDateOnly, IsIdentifier } from '../../shared/request-types.dto';

export class StartPairingRequest {
  @ApiProperty({ description: 'An active volunteer of the station' })
  @IsIdentifier()
  volunteerId!: string;

  @ApiProperty({ description: "The registry's household helped" })
  @IsIdentifier()
  householdId!: string;

  @ApiProperty({ description: 'The resident the household is helped for (the elderly person, the disabled member)' })
  @IsIdentifier()
  beneficiaryResidentId!: string;

  @ApiProperty({ enum: BENEFICIARY_CATEGORIES })
  @IsIn(BENEFICIARY_CATEGORIES)
  category!: (typeof BENEFICIARY_CATEGORIES)[number];

  @ApiPropertyOptional({ description: 'What the household needs help with (kept encrypted)', example: 'Weekly shopping; hospital visits' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  needs?: string;

  @ApiPropertyOptional({ example: 14, description: 'Days without a visit before the pairing is overdue (default 14)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  alertAfterDays?: number;

  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsDateOnly()
  startedOn?: string;
}

export class StartPairingResponse {
  @ApiProperty() pairingId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}
