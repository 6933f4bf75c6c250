import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VolunteerContactView {
  @ApiProperty() name!: string;
  @ApiProperty() phone!: string;
}

export class YearHoursView {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Minutes vouched for by attendance, station staff or the household served' }) verifiedMinutes!: number;
  @ApiProperty({ description: 'Minutes waiting for someone to vouch for them' }) pendingMinutes!: number;
  @ApiProperty({ description: 'Minutes in dispute, counted again once settled' }) disputedMinutes!: number;
}

export class AvailabilityView {
  @ApiProperty() weekday!: number;
  @ApiProperty() part!: string;
}

/** A volunteer as the station works with them; personal fields masked outside the volunteer's station. */
export class VolunteerView {
  @ApiProperty() volunteerId!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty({ enum: ['active', 'suspended', 'left', 'erased'] }) status!: string;
  @ApiPropertyOptional() residentId?: string;
  @ApiProperty({ type: VolunteerContactView, nullable: true, description: 'Null once erased' }) personal!: VolunteerContactView | null;
  @ApiProperty() personalMasked!: boolean;
  @ApiProperty({ type: [String] }) skills!: string[];
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: [AvailabilityView] }) availability!: AvailabilityView[];
  @ApiProperty() enrolledOn!: string;
  @ApiPropertyOptional() suspendedOn?: string;
  @ApiPropertyOptional() suspensionReason?: string;
  @ApiPropertyOptional() leftOn?: string;
  @ApiProperty({ type: [YearHoursView], description: 'Yearly totals, latest year first' }) hoursByYear!: YearHoursView[];
}
