import { VIEWING_OUTCOMES } from '@kinship/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsUUID } from 'class-validator';
import { CommandOutcomeResponse } from '../../application/request-types';

export class ScheduleViewingRequest {
  @ApiProperty({ description: 'A published listing of the station' }) @IsUUID() listingId!: string;
  @ApiProperty({ description: 'When, as an ISO-8601 instant with its offset', example: '2026-05-16T10:00:00+08:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  scheduledAt!: string;
}

export class ScheduleViewingResponse extends CommandOutcomeResponse {
  @ApiProperty() viewingId!: string;
}

export class RecordViewingOutcomeRequest {
  @ApiProperty({ enum: VIEWING_OUTCOMES }) @IsIn(VIEWING_OUTCOMES) outcome!: (typeof VIEWING_OUTCOMES)[number];
}
