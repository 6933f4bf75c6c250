import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { YearHoursView } from '../../volunteer/get-volunteer/volunteer.view';

export class HoursEntryView {
  @ApiProperty() entryId!: string;
  @ApiProperty({ enum: ['attendance', 'pairing-visit', 'self-reported'] }) source!: string;
  @ApiProperty() servedOn!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty({ enum: ['pending', 'verified', 'rejected', 'disputed'] }) status!: string;
  @ApiProperty({ enum: ['attendance', 'staff', 'household'], nullable: true }) vouchedBy!: string | null;
  @ApiProperty({ description: 'Settled by a correction after a dispute' }) corrected!: boolean;
  @ApiPropertyOptional() activityId?: string;
  @ApiPropertyOptional() shiftId?: string;
  @ApiPropertyOptional() pairingId?: string;
  @ApiPropertyOptional() householdId?: string;
  @ApiPropertyOptional({ description: "In the volunteer's own station only; gone once erased" }) description?: string;
}

/** A volunteer's service log for one year, with its totals. */
export class HoursView {
  @ApiProperty() volunteerId!: string;
  @ApiProperty({ type: YearHoursView }) totals!: YearHoursView;
  @ApiProperty({ type: [HoursEntryView], description: 'Oldest first' }) entries!: HoursEntryView[];
}
