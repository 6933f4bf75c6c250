import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FundingView } from '../pay-aid/pay-aid.request.dto';

export class AllocationView {
  @ApiProperty() allocationId!: string;
  @ApiProperty({ description: 'The station whose surplus it is' }) fromStationId!: string;
  @ApiProperty({ example: '2026-04' }) period!: string;
  @ApiProperty({ description: "The brokerage ledger entry that moved the surplus to the fund" }) ledgerEntryId!: string;
  @ApiProperty({ description: 'The brokerage event it was credited from' }) surplusEventId!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() remainingFen!: number;
}

export class AidPaymentView {
  @ApiProperty() paymentId!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty() pairingId!: string;
  @ApiProperty() householdId!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() purpose!: string;
  @ApiProperty() paidOn!: string;
  @ApiProperty({ type: [FundingView] }) fundedBy!: FundingView[];
  @ApiProperty() reversed!: boolean;
  @ApiPropertyOptional() reversalReason?: string;
}

export class AidFundView {
  @ApiProperty() centerId!: string;
  @ApiProperty({ description: 'What the fund holds now' }) balanceFen!: number;
  @ApiProperty() creditedFen!: number;
  @ApiProperty({ description: 'Paid out, net of reversals' }) paidFen!: number;
  @ApiProperty({ type: [AllocationView], description: 'In the order they were credited, the order payments draw on them' }) allocations!: AllocationView[];
  @ApiProperty({ type: [AidPaymentView] }) payments!: AidPaymentView[];
}

export class TracedFundingView extends AllocationView {
  @ApiProperty({ description: 'The part of the payment drawn on this allocation' }) drawnFen!: number;
}

/** A payment traced back, allocation by allocation, to the surplus that funded it. */
export class AidPaymentTraceView {
  @ApiProperty({ type: AidPaymentView }) payment!: AidPaymentView;
  @ApiProperty({ type: [TracedFundingView] }) fundedBy!: TracedFundingView[];
}
