import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { BrokeragePageQuery } from '../brokerage-shared/brokerage-query.request.dto';
import { INVOICE_STATUSES, InvoiceStatus, LEASE_STATUSES, LeaseStatus } from './brokerage-leases.document';

export class LeaseQuery extends BrokeragePageQuery {
  @ApiPropertyOptional({ enum: LEASE_STATUSES }) @IsOptional() @IsIn(LEASE_STATUSES) status?: LeaseStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() residentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() listingId?: string;
}

export class ChainLeaseQuery extends LeaseQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) stationId?: string;
}

export class InvoiceQuery extends BrokeragePageQuery {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES, description: 'Leave out for every invoice still owed (open or part-paid)' })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: InvoiceStatus;
}
