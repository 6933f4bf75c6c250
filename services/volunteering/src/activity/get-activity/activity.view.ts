import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RosterEntryView {
  @ApiProperty() volunteerId!: string;
  @ApiProperty({ enum: ['signed-up', 'checked-in', 'checked-out', 'no-show'] }) status!: string;
  @ApiPropertyOptional() checkedInAt?: string;
  @ApiPropertyOptional() checkedOutAt?: string;
}

export class ShiftView {
  @ApiProperty() shiftId!: string;
  @ApiProperty() date!: string;
  @ApiProperty() startTime!: string;
  @ApiProperty() endTime!: string;
  @ApiProperty() minStaff!: number;
  @ApiProperty() maxStaff!: number;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] }) status!: string;
  @ApiProperty({ description: 'Volunteers counted against the staffing (no-shows are not)' }) staffed!: number;
  @ApiProperty({ enum: ['understaffed', 'staffed', 'full'] }) staffing!: string;
  @ApiProperty({ type: [RosterEntryView] }) roster!: RosterEntryView[];
}

export class ActivityView {
  @ApiProperty() activityId!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] }) status!: string;
  @ApiProperty() title!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() location!: string;
  @ApiProperty({ type: [String] }) requiredSkills!: string[];
  @ApiProperty({ type: [ShiftView], description: 'In the order they start' }) shifts!: ShiftView[];
}
