import { leaseAddressSchema, residentNoteSchema } from '@kinship/contracts';
import { Filter } from '@kinship/documents';
import { DomainError } from '@kinship/eventsourcing';
import { FieldCipher, maskAddress } from '@kinship/privacy';
import { ORG_DIRECTORY, OrgDirectoryReader, Principal } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { BrokeragePageQuery, pagingOf } from '../brokerage-shared/brokerage-query.request.dto';
import { Page, requireChainReader, seesInFull } from '../brokerage-shared/brokerage-read-models';
import { ProjectionRunner } from '../projection/projection-runner';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { PERSONAL_DATA_CIPHER } from '../projections.tokens';
import { INVOICES, InvoiceDocument, LEASES, LeaseDocument } from './brokerage-leases.document';
import { BROKERAGE_LEASES } from './brokerage-leases.projection';
import { ChainLeaseQuery, InvoiceQuery, LeaseQuery } from './brokerage-leases.request.dto';

export type InvoiceView = Omit<InvoiceDocument, '_id' | '_sources' | 'position' | 'waivers'> & {
  waivers: Array<Omit<InvoiceDocument['waivers'][number], 'justification'> & { justification: string | null }>;
};
export type LeaseSummary = Omit<LeaseDocument, '_id' | '_sources' | 'position' | 'address'> & {
  fee: { invoicedFen: number; outstandingFen: number };
};
export type LeaseView = LeaseSummary & {
  /** In full for the station's own staff, masked for the chain's manager, null once the resident was erased. */
  address: { building: string; unit: string; room: string | null } | null;
  invoices: InvoiceView[];
};

/** Leases and fee invoices: the clerk's contracts and the bookkeeper's receivables. */
@Injectable()
export class BrokerageLeasesQueries {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(PERSONAL_DATA_CIPHER) private readonly cipher: Pick<FieldCipher, 'decrypt'>,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  stationLeases(stationId: string, query: LeaseQuery): Promise<Page<LeaseSummary>> {
    return this.leases({ stationId, ...leaseFilter(query) }, query);
  }

  chainLeases(principal: Principal, centerId: string, query: ChainLeaseQuery): Promise<Page<LeaseSummary>> {
    requireChainReader(principal, centerId, this.org);
    return this.leases({ centerId, ...(query.stationId ? { stationId: query.stationId } : {}), ...leaseFilter(query) }, query);
  }

  async lease(principal: Principal, stationId: string, leaseId: string, afterPosition?: number): Promise<LeaseView> {
    await this.caughtUp(afterPosition);
    const lease = await this.runner.collection<LeaseDocument>(BROKERAGE_LEASES, LEASES).get(leaseId);
    if (!lease || lease.stationId !== stationId) throw new DomainError('lease-not-found', 'No lease with this id at the station', 404);
    const invoices = await this.runner.collection<InvoiceDocument>(BROKERAGE_LEASES, INVOICES).find({ leaseId }, { sort: { issuedOn: 1, _id: 1 } });
    const full = seesInFull(principal, stationId);
    return {
      ...summaryOf(lease, invoices),
      address: await this.address(lease, full),
      invoices: await Promise.all(invoices.map((invoice) => this.invoiceView(invoice, full))),
    };
  }

  async invoices(principal: Principal, stationId: string, query: InvoiceQuery): Promise<Page<InvoiceView>> {
    await this.caughtUp(query.afterPosition);
    const filter: Filter = { stationId, status: query.status ?? { $in: ['open', 'part-paid'] } };
    const { page, pageSize, skip } = pagingOf(query);
    const collection = this.runner.collection<InvoiceDocument>(BROKERAGE_LEASES, INVOICES);
    const [found, total] = await Promise.all([collection.find(filter, { sort: { issuedOn: 1, _id: 1 }, skip, limit: pageSize }), collection.count(filter)]);
    const full = seesInFull(principal, stationId);
    return { items: await Promise.all(found.map((invoice) => this.invoiceView(invoice, full))), total, page, pageSize, position: await this.position() };
  }

  private async leases(filter: Filter, query: BrokeragePageQuery): Promise<Page<LeaseSummary>> {
    await this.caughtUp(query.afterPosition);
    const { page, pageSize, skip } = pagingOf(query);
    const collection = this.runner.collection<LeaseDocument>(BROKERAGE_LEASES, LEASES);
    const [found, total] = await Promise.all([collection.find(filter, { sort: { signedOn: -1, _id: 1 }, skip, limit: pageSize }), collection.count(filter)]);
    const invoices = found.length === 0 ? [] : await this.runner.collection<InvoiceDocument>(BROKERAGE_LEASES, INVOICES).find({ leaseId: { $in: found.map((l) => l.leaseId) } });
    const items = found.map((lease) => summaryOf(lease, invoices.filter((invoice) => invoice.leaseId === lease.leaseId)));
    return { items, total, page, pageSize, position: await this.position() };
  }

  private async address(lease: LeaseDocument, full: boolean): Promise<LeaseView['address']> {
    if (!lease.address) return null;
    const clear = leaseAddressSchema.safeParse(await this.cipher.decrypt(lease.residentId, lease.address));
    if (!clear.success) return null;
    const { building, unit, room } = clear.data;
    return full ? { building, unit, room: room ?? null } : { building: maskAddress(building), unit: maskAddress(unit), room: null };
  }

  private async invoiceView(invoice: InvoiceDocument, full: boolean): Promise<InvoiceView> {
    const { _id, _sources, position: _position, waivers, ...fields } = invoice;
    const shown = await Promise.all(
      waivers.map(async ({ justification, ...waiver }) => {
        if (!justification || !full) return { ...waiver, justification: null };
        const clear = residentNoteSchema.safeParse(await this.cipher.decrypt(invoice.residentId, justification));
        return { ...waiver, justification: clear.success ? clear.data.text : null };
      }),
    );
    return { ...fields, waivers: shown };
  }

  private position(): Promise<number | null> {
    return this.runner.position(BROKERAGE_LEASES);
  }

  private caughtUp(afterPosition: number | undefined): Promise<void> {
    return this.readYourWrites.after(afterPosition, BROKERAGE_LEASES);
  }
}

function leaseFilter(query: LeaseQuery): Filter {
  const filter: Filter = {};
  if (query.status !== undefined) filter['status'] = query.status;
  if (query.residentId !== undefined) filter['residentId'] = query.residentId;
  if (query.listingId !== undefined) filter['listingId'] = query.listingId;
  return filter;
}

function summaryOf(lease: LeaseDocument, invoices: readonly InvoiceDocument[]): LeaseSummary {
  const { _id, _sources, position: _position, address: _address, ...fields } = lease;
  const live = invoices.filter((invoice) => invoice.status !== 'voided');
  return {
    ...fields,
    fee: { invoicedFen: live.reduce((sum, i) => sum + i.amountFen, 0), outstandingFen: live.reduce((sum, i) => sum + i.outstandingFen, 0) },
  };
}
