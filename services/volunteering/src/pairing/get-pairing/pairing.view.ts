import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VisitView {
  @ApiProperty() visitId!: string;
  @ApiProperty() visitedOn!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() kind!: string;
  @ApiPropertyOptional({ description: "In the pairing's own station only; gone once the beneficiary is erased" }) note?: string;
}

export class PairingView {
  @ApiProperty() pairingId!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty({ enum: ['active', 'ended'] }) status!: string;
  @ApiProperty() volunteerId!: string;
  @ApiProperty() householdId!: string;
  @ApiProperty() beneficiaryResidentId!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ nullable: true, type: String, description: "In the pairing's own station only" }) needs!: string | null;
  @ApiProperty() alertAfterDays!: number;
  @ApiProperty() startedOn!: string;
  @ApiPropertyOptional() endedOn?: string;
  @ApiPropertyOptional() endReason?: string;
  @ApiProperty({ nullable: true, type: String }) lastVisitOn!: string | null;
  @ApiProperty({ description: 'Days since the last visit (or the start) at the station today' }) daysWithoutVisit!: number;
  @ApiProperty({ description: 'Active and unvisited for longer than alertAfterDays' }) overdue!: boolean;
  @ApiProperty() beneficiaryErased!: boolean;
  @ApiProperty({ type: [VisitView], description: 'Latest first' }) visits!: VisitView[];
}
