import { brokerageStreams, LeaseAddress, LeaseSigned } from '@kinship/contracts';
import { CommandContext, DomainError, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { PersonalData } from '../../application/personal-data';
import { stationDate } from '../../domain/calendar';
import { FeeScheduleHandler } from '../../fees/fee-schedule/fee-schedule.handler';
import { housingFileDecider } from '../../housing/housing-file.decider';
import { listingDecider, ListingRecord, ListingState } from '../../listing/listing.decider';
import { invoiceIdFor } from '../../reactions/invoicing.reaction';
import { LeaseFeeResponse } from '../lease-fee.response';
import { leaseDecider, SignLease } from '../lease.decider';
import { SignLeaseRequest } from './sign-lease.request.dto';

/**
 * Signs a lease for a published listing: the fee is assessed from the center's schedule, the resident's new address
 * is encrypted under their key for the registry, the listing is claimed, then the lease appended and the request
 * closed. The claim comes first so two clerks cannot let one unit twice; the lease is decided before the claim so
 * a refused lease claims nothing.
 */
@Injectable()
export class SignLeaseHandler {
  constructor(
    private readonly streams: BrokerageStreams,
    private readonly personal: PersonalData,
    private readonly fees: FeeScheduleHandler,
  ) {}

  async execute(stationId: string, request: SignLeaseRequest, context: CommandContext): Promise<LeaseFeeResponse> {
    const listingStream = brokerageStreams.listing(stationId, request.listingId);
    const listing = this.availableListing(await this.streams.load(listingDecider, listingStream));
    await this.personal.requireResident(request.residentId);
    if (request.requestId !== undefined) await this.requireOpenRequest(stationId, request.residentId, request.requestId);
    const signedOn = request.signedOn ?? stationDate(context.now);
    const feeTerms = await this.fees.termsFor(stationId, signedOn);

    const leaseId = uuidv7();
    const address: LeaseAddress = { building: listing.building, unit: listing.unit, room: listing.room };
    const sign = (encrypted: string): Omit<SignLease, 'metadata'> => ({
      type: 'SignLease',
      data: {
        leaseId,
        stationId,
        listingId: listing.listingId,
        landlordId: listing.landlordId,
        residentId: request.residentId,
        requestId: request.requestId,
        compound: listing.compound,
        address: encrypted,
        signedOn,
        startsOn: request.startsOn,
        endsOn: request.endsOn,
        monthlyRentFen: request.monthlyRentFen ?? listing.monthlyRentFen,
        depositFen: request.depositFen ?? listing.depositFen,
        feeTerms,
      },
    });
    const leaseStream = brokerageStreams.lease(stationId, leaseId);
    await this.streams.check(leaseDecider, leaseStream, stationId, sign('unencrypted'), context);
    const encryptedAddress = await this.personal.encrypt('resident', request.residentId, address);

    await this.streams.run(listingDecider, listingStream, stationId, { type: 'MarkListingLet', data: { listingId: listing.listingId, leaseId, letOn: signedOn } }, context);
    const result = await this.streams.run(leaseDecider, leaseStream, stationId, sign(encryptedAddress), context);
    if (request.requestId !== undefined) {
      await this.streams.run(
        housingFileDecider,
        brokerageStreams.housingFile(stationId, request.residentId),
        stationId,
        { type: 'CloseHousingRequest', data: { requestId: request.requestId, residentId: request.residentId, outcome: 'housed', leaseId, closedOn: signedOn } },
        context,
      );
    }
    const [signed] = result.events;
    const { fee } = LeaseSigned.schema.parse(signed.data);
    return { leaseId, fee, invoiceId: fee.amountFen > 0 ? invoiceIdFor(signed.id) : null, ...BrokerageStreams.outcome(result) };
  }

  private availableListing(listing: ListingState): ListingRecord {
    if (listing.status === 'none') {
      throw new DomainError('listing-not-found', 'No listing with this id at the station', 422, { field: 'listingId' });
    }
    if (listing.listing.status !== 'published') {
      throw new DomainError('listing-not-available', 'Only a published listing can be let', 409, {
        status: listing.listing.status,
        leaseId: listing.listing.leaseId,
      });
    }
    return listing.listing;
  }

  private async requireOpenRequest(stationId: string, residentId: string, requestId: string): Promise<void> {
    const file = await this.streams.load(housingFileDecider, brokerageStreams.housingFile(stationId, residentId));
    if (file.request?.requestId !== requestId) {
      throw new DomainError('housing-request-not-open', 'The resident has no open housing request with this id', 422, { field: 'requestId' });
    }
  }
}
