import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { RECORD_SERIAL } from '../issue-volunteer-record/record-serial';

export class RecordSerialParams {
  @ApiProperty({ example: 'VR7K3M9Q2X4B8N6P1R5T0W2Y4Z', description: 'The serial printed on the record' })
  @Matches(new RegExp(RECORD_SERIAL.source, 'i'), { message: 'serial must be a volunteer record serial (VR and 26 characters)' })
  serial!: string;
}

export class IssuerView {
  @ApiProperty() stationId!: string;
  @ApiProperty() name!: string;
}

export class CheckedActivityView {
  @ApiProperty() title!: string;
  @ApiProperty() minutes!: number;
}

/** What anyone holding a serial learns: that the record is genuine, and its non-personal facts. Never who. */
export class RecordCheckView {
  @ApiProperty() serial!: string;
  @ApiProperty({ description: 'Issued by a station of this district under this serial' }) genuine!: boolean;
  @ApiProperty({ enum: ['valid', 'revoked'] }) status!: string;
  @ApiProperty({ type: IssuerView }) issuer!: IssuerView;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() verifiedMinutes!: number;
  @ApiProperty({ description: 'Verified hours, to one decimal' }) verifiedHours!: number;
  @ApiProperty() shiftsAttended!: number;
  @ApiProperty() pairingVisits!: number;
  @ApiProperty({ type: [CheckedActivityView] }) activities!: CheckedActivityView[];
  @ApiPropertyOptional() revokedOn?: string;
}
