import { ApiProperty } from '@nestjs/swagger';
import { CommandOutcomeResponse, IsMonth } from '../../application/request-types';

export class CloseMonthRequest {
  @ApiProperty({ description: 'The month to close, as YYYY-MM; months close in order, once ended', example: '2026-04' }) @IsMonth() period!: string;
}

export class CloseMonthResponse extends CommandOutcomeResponse {
  @ApiProperty() period!: string;
  @ApiProperty({ description: 'Revenue net of refunds and waivers, in fen' }) revenueFen!: number;
  @ApiProperty() expensesFen!: number;
  @ApiProperty({ description: 'Revenue less expenses; negative for a deficit' }) surplusFen!: number;
  @ApiProperty({ description: 'Earlier deficits made good first' }) deficitCoveredFen!: number;
  @ApiProperty() deficitCarriedFen!: number;
  @ApiProperty({ description: 'Moved to the council’s welfare fund' }) allocatedFen!: number;
  @ApiProperty({ nullable: true, type: String }) allocationId!: string | null;
}
