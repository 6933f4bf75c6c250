import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsDateOnly, IsFen } from '../../application/request-types';

/** The day a step of the listing happened; today when left out. */
export class ListingDateRequest {
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateOnly() on?: string;
}

export class ChangeListingPriceRequest extends ListingDateRequest {
  @ApiProperty({ description: 'New monthly rent in fen (分)', example: 110000 }) @IsFen() monthlyRentFen!: number;
  @ApiPropertyOptional({ description: 'New deposit in fen; unchanged when left out' }) @IsOptional() @IsFen({ allowZero: true }) depositFen?: number;
}

export class WithdrawListingRequest extends ListingDateRequest {
  @ApiProperty({ example: 'the landlord sold the flat' }) @IsString() @Length(1, 500) reason!: string;
}
