import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { CommandOutcomeResponse, IsDateOnly, IsFen } from '../../application/request-types';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class SignServiceContractRequest {
  @ApiProperty({ description: 'The service bought, kebab-case', example: 'child-day-care' })
  @Matches(KEBAB, { message: 'service must be kebab-case' })
  @Length(1, 60)
  service!: string;
  @ApiProperty({ example: '梁溪区民政局' }) @IsString() @Length(1, 100) purchaser!: string;
  @ApiProperty({ description: 'What one unit is, kebab-case', example: 'child-day' }) @Matches(KEBAB, { message: 'unit must be kebab-case' }) @Length(1, 40) unit!: string;
  @ApiProperty({ description: 'Price of one unit in fen (分)', example: 3000 }) @IsFen() unitPriceFen!: number;
  @ApiProperty() @IsDateOnly() startsOn!: string;
  @ApiProperty() @IsDateOnly() endsOn!: string;
  @ApiProperty({ description: 'The contract’s number', example: 'LX-GM-2026-017' }) @IsString() @Length(1, 64) reference!: string;
}

export class SignServiceContractResponse extends CommandOutcomeResponse {
  @ApiProperty() contractId!: string;
}
