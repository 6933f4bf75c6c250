import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDateOnly } from '../../application/request-types';

/** A request is closed as housed only by signing a lease; by hand it is withdrawn. */
export class WithdrawHousingRequestRequest {
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() on?: string;
}
