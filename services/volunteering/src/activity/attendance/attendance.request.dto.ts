import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../../shared/request-types.dto';
import { SignUpRequest } from '../sign-up/sign-up.request.dto';

/** A check-in or check-out; `at` when it is recorded afterwards. */
export class AttendanceRequest extends SignUpRequest {
  @ApiPropertyOptional({ example: '2026-06-20T08:55:00+08:00', description: 'Defaults to now' })
  @IsOptional()
  @IsInstant()
  at?: string;
}
