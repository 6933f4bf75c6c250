import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CommandOutcomeResponse } from '../../application/request-types';
import { MoneyMovementRequest } from '../record-payment/record-payment.request.dto';

export class RefundFeeRequest extends MoneyMovementRequest {
  @ApiProperty({ example: 'the landlord withdrew before the move-in' }) @IsString() @Length(1, 500) reason!: string;
}

export class RefundFeeResponse extends CommandOutcomeResponse {
  @ApiProperty() refundId!: string;
}
