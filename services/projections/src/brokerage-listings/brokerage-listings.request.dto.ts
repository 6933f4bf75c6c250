import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { AfterPositionQuery, BrokeragePageQuery } from '../brokerage-shared/brokerage-query.request.dto';
import { HOUSING_REQUEST_STATUSES, HousingRequestStatus, LISTING_STATUSES, ListingStatus } from './brokerage-listings.document';

/** Searching the listings: open ones (published) unless another status is asked for. */
export class ListingSearchQuery extends BrokeragePageQuery {
  @ApiPropertyOptional({ enum: LISTING_STATUSES, default: 'published' }) @IsOptional() @IsIn(LISTING_STATUSES) status?: ListingStatus;
  @ApiPropertyOptional({ example: '广瑞一村' }) @IsOptional() @IsString() @Length(1, 60) compound?: string;
  @ApiPropertyOptional({ description: 'Highest monthly rent, in fen' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) maxRentFen?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(20) minRooms?: number;
  @ApiPropertyOptional({ description: 'Smallest floor area in square metres' }) @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(1000) minAreaSqm?: number;
  @ApiPropertyOptional({ description: 'A place the unit is near (an industrial park, a school)' }) @IsOptional() @IsString() @Length(1, 60) near?: string;
}

export class ChainListingSearchQuery extends ListingSearchQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) stationId?: string;
}

export class HousingRequestQuery extends BrokeragePageQuery {
  @ApiPropertyOptional({ enum: HOUSING_REQUEST_STATUSES, default: 'open' }) @IsOptional() @IsIn(HOUSING_REQUEST_STATUSES) status?: HousingRequestStatus;
}

export class SuggestionQuery extends AfterPositionQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}
