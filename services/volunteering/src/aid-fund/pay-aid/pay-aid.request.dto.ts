import { AID_PURPOSES } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsDateOnly, IsIdentifier } from '../../shared/request-types.dto';

export class PayAidRequest {
  @ApiProperty({ description: 'The station of the pairing, one of the center' })
  @IsIdentifier()
  stationId!: string;

  @ApiProperty()
  @IsIdentifier()
  pairingId!: string;

  @ApiProperty({ example: 50000, description: 'Whole fen (分): 50000 is 500 yuan' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountFen!: number;

  @ApiProperty({ enum: AID_PURPOSES })
  @IsIn(AID_PURPOSES)
  purpose!: (typeof AID_PURPOSES)[number];

  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsDateOnly()
  paidOn?: string;
}

export class FundingView {
  @ApiProperty() allocationId!: string;
  @ApiProperty() amountFen!: number;
}

export class PayAidResponse {
  @ApiProperty() paymentId!: string;
  @ApiProperty({ type: [FundingView], description: 'The surplus allocations the payment was drawn on, oldest first' }) fundedBy!: FundingView[];
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}
