import { ApiProperty } from '@nestjs/swagger';
import { IsDateOnly } from '../../shared/request-types.dto';

export class IssueVolunteerRecordRequest {
  @ApiProperty({ example: '2025-01-01' })
  @IsDateOnly()
  from!: string;

  @ApiProperty({ example: '2025-12-31' })
  @IsDateOnly()
  to!: string;
}

export class RecordActivityView {
  @ApiProperty() activityId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() minutes!: number;
}

export class VolunteerRecordResponse {
  @ApiProperty({ description: 'Print it on the record: anyone holding it can check the record is genuine' }) serial!: string;
  @ApiProperty() volunteerId!: string;
  @ApiProperty() issuerStationId!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() verifiedMinutes!: number;
  @ApiProperty() shiftsAttended!: number;
  @ApiProperty() pairingVisits!: number;
  @ApiProperty({ type: [RecordActivityView] }) activities!: RecordActivityView[];
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}
