import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { CommandOutcomeResponse, PHONE } from '../../application/request-types';

/** A landlord's contact: personal data, encrypted under the landlord's own key before it is stored. */
export class LandlordContactRequest {
  @ApiProperty({ example: '陈建华' }) @IsString() @Length(1, 50) name!: string;
  @ApiProperty({ example: '13912345678' }) @IsString() @Matches(PHONE, { message: 'phone must be a mobile or landline number' }) phone!: string;
}

export class RegisterLandlordResponse extends CommandOutcomeResponse {
  @ApiProperty() landlordId!: string;
}
