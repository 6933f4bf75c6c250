import { ApiProperty } from '@nestjs/swagger';
import { CommandOutcomeResponse, IsMonth } from '../../application/request-types';

export class SubmitClaimRequest {
  @ApiProperty({ description: 'The month claimed, once ended', example: '2026-04' }) @IsMonth() period!: string;
}

export class SubmitClaimResponse extends CommandOutcomeResponse {
  @ApiProperty() claimId!: string;
  @ApiProperty() units!: number;
  @ApiProperty({ description: 'Units × unit price, in fen' }) amountFen!: number;
}
