import { DynamicModule, Module } from '@nestjs/common';
import { BrokerageStreams } from './application/brokerage-streams';
import { BROKERAGE_OPTIONS, BrokerageOptions } from './application/brokerage.tokens';
import { PersonalData } from './application/personal-data';
import { FeeScheduleController } from './fees/fee-schedule/fee-schedule.http.controller';
import { FeeScheduleHandler } from './fees/fee-schedule/fee-schedule.handler';
import { InvoiceCommands } from './fees/invoice.handler';
import { RecordPaymentController } from './fees/record-payment/record-payment.http.controller';
import { RecordPaymentHandler } from './fees/record-payment/record-payment.handler';
import { RefundFeeController } from './fees/refund-fee/refund-fee.http.controller';
import { RefundFeeHandler } from './fees/refund-fee/refund-fee.handler';
import { VoidInvoiceController } from './fees/void-invoice/void-invoice.http.controller';
import { WaiveFeeController } from './fees/waive-fee/waive-fee.http.controller';
import { WaiveFeeHandler } from './fees/waive-fee/waive-fee.handler';
import { HousingFileHandler } from './housing/housing-file.handler';
import { OpenHousingRequestController } from './housing/open-housing-request/open-housing-request.http.controller';
import { OpenHousingRequestHandler } from './housing/open-housing-request/open-housing-request.handler';
import { ReviseHousingRequestController } from './housing/revise-housing-request/revise-housing-request.http.controller';
import { ViewingsController } from './housing/viewings/viewings.http.controller';
import { ScheduleViewingHandler } from './housing/viewings/viewings.handler';
import { WithdrawHousingRequestController } from './housing/withdraw-housing-request/withdraw-housing-request.http.controller';
import { ChangeLandlordContactController } from './landlord/change-landlord-contact/change-landlord-contact.http.controller';
import { ChangeLandlordContactHandler } from './landlord/change-landlord-contact/change-landlord-contact.handler';
import { EraseLandlordController } from './landlord/erase-landlord/erase-landlord.http.controller';
import { EraseLandlordHandler } from './landlord/erase-landlord/erase-landlord.handler';
import { RegisterLandlordController } from './landlord/register-landlord/register-landlord.http.controller';
import { RegisterLandlordHandler } from './landlord/register-landlord/register-landlord.handler';
import { EndLeaseController } from './lease/end-lease/end-lease.http.controller';
import { EndLeaseHandler } from './lease/end-lease/end-lease.handler';
import { RenewLeaseController } from './lease/renew-lease/renew-lease.http.controller';
import { RenewLeaseHandler } from './lease/renew-lease/renew-lease.handler';
import { SignLeaseController } from './lease/sign-lease/sign-lease.http.controller';
import { SignLeaseHandler } from './lease/sign-lease/sign-lease.handler';
import { CloseMonthController } from './ledger/close-month/close-month.http.controller';
import { CloseMonthHandler } from './ledger/close-month/close-month.handler';
import { RecordExpenseController } from './ledger/record-expense/record-expense.http.controller';
import { RecordExpenseHandler } from './ledger/record-expense/record-expense.handler';
import { ReverseEntryController } from './ledger/reverse-entry/reverse-entry.http.controller';
import { ReverseEntryHandler } from './ledger/reverse-entry/reverse-entry.handler';
import { CreateListingController } from './listing/create-listing/create-listing.http.controller';
import { CreateListingHandler } from './listing/create-listing/create-listing.handler';
import { ListingLifecycleController } from './listing/listing-lifecycle/listing-lifecycle.http.controller';
import { ListingLifecycleHandler } from './listing/listing-lifecycle/listing-lifecycle.handler';
import { BrokerageReactions } from './reactions/brokerage-reactions';
import { InvoicingReaction } from './reactions/invoicing.reaction';
import { LedgerPostingReaction } from './reactions/ledger-posting.reaction';
import { ResidentErasureReaction } from './reactions/resident-erasure.reaction';
import { SurplusAllocationReaction } from './reactions/surplus-allocation.reaction';
import { RecordDeliveryController } from './service-contracts/record-delivery/record-delivery.http.controller';
import { RecordGrantReceiptController } from './service-contracts/record-grant-receipt/record-grant-receipt.http.controller';
import { ServiceContractCommands } from './service-contracts/service-contract.handler';
import { SignServiceContractController } from './service-contracts/sign-service-contract/sign-service-contract.http.controller';
import { SubmitClaimController } from './service-contracts/submit-claim/submit-claim.http.controller';

const handlers = [
  RegisterLandlordHandler,
  ChangeLandlordContactHandler,
  EraseLandlordHandler,
  CreateListingHandler,
  ListingLifecycleHandler,
  OpenHousingRequestHandler,
  HousingFileHandler,
  ScheduleViewingHandler,
  SignLeaseHandler,
  RenewLeaseHandler,
  EndLeaseHandler,
  FeeScheduleHandler,
  InvoiceCommands,
  RecordPaymentHandler,
  RefundFeeHandler,
  WaiveFeeHandler,
  RecordExpenseHandler,
  ReverseEntryHandler,
  CloseMonthHandler,
  ServiceContractCommands,
];

const reactions = [InvoicingReaction, LedgerPostingReaction, SurplusAllocationReaction, ResidentErasureReaction, BrokerageReactions];

/**
 * The brokerage service (中介服务): landlords and listings, housing requests and viewings, leases, the center's fee
 * schedule and the fee invoices, each station's double-entry ledger with its monthly close and surplus allocation,
 * and the services the district buys. Its host provides, globally, the tokens of `application/brokerage.tokens.ts`
 * (event store, message bus, field cipher, key store) and tenancy's ORG_DIRECTORY with the auth guard.
 */
@Module({})
export class BrokerageModule {
  static forRoot(options: BrokerageOptions = {}): DynamicModule {
    return {
      module: BrokerageModule,
      controllers: [
        RegisterLandlordController,
        ChangeLandlordContactController,
        EraseLandlordController,
        CreateListingController,
        ListingLifecycleController,
        OpenHousingRequestController,
        ReviseHousingRequestController,
        ViewingsController,
        WithdrawHousingRequestController,
        SignLeaseController,
        RenewLeaseController,
        EndLeaseController,
        FeeScheduleController,
        RecordPaymentController,
        RefundFeeController,
        WaiveFeeController,
        VoidInvoiceController,
        RecordExpenseController,
        ReverseEntryController,
        CloseMonthController,
        SignServiceContractController,
        RecordDeliveryController,
        SubmitClaimController,
        RecordGrantReceiptController,
      ],
      providers: [
        { provide: BROKERAGE_OPTIONS, useValue: options },
        BrokerageStreams,
        PersonalData,
        ...handlers,
        ...reactions,
      ],
      exports: [BrokerageReactions],
    };
  }
}
