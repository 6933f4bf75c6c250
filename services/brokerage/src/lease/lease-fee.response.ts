import { ApiProperty } from '@nestjs/swagger';
import { CommandOutcomeResponse } from '../application/request-types';

export class FeeAssessmentView {
  @ApiProperty({ description: 'The fee in fen (分)' }) amountFen!: number;
  @ApiProperty() basisPoints!: number;
  @ApiProperty() capFen!: number;
  @ApiProperty({ description: 'The version of the fee schedule applied' }) scheduleEffectiveFrom!: string;
}

/** What signing or renewing answers: the fee charged and the invoice it goes on (none for a fee of zero). */
export class LeaseFeeResponse extends CommandOutcomeResponse {
  @ApiProperty() leaseId!: string;
  @ApiProperty({ type: FeeAssessmentView }) fee!: FeeAssessmentView;
  @ApiProperty({ nullable: true, type: String, description: 'Issued by the station right after; null when there is no fee' }) invoiceId!: string | null;
}
