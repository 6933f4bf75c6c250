import {
  brokerageStreams,
  EventContract,
  FeeInvoiced,
  FeePaymentRecorded,
  FeeWaived,
  HousingRequestClosed,
  HousingRequested,
  LandlordPersonalDataErased,
  LandlordRegistered,
  LeaseEnded,
  LeaseSigned,
  LedgerAccountId,
  LedgerEntryKind,
  LedgerEntryPosted,
  LedgerLine,
  LedgerMonthClosed,
  LedgerMonthClosedData,
  ListingCreated,
  ListingCreatedData,
  ListingLet,
  ListingPublished,
  NewEvent,
  ViewingScheduled,
} from '@kinship/contracts';
import { SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { PersonalDataCipher } from '@kinship/privacy';
import type { z } from 'zod';

/** Two lines of one amount: the shape of nearly every entry. */
export function debitCredit(debit: LedgerAccountId, credit: LedgerAccountId, amountFen: number): LedgerLine[] {
  return [
    { account: debit, side: 'debit', amountFen },
    { account: credit, side: 'credit', amountFen },
  ];
}

/** Appends brokerage events, built and checked with the contracts, the way the brokerage writes them. */
export class BrokerageWriter {
  constructor(
    readonly events: SqliteEventStore,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** Appends one event to a stream; returns its global position. */
  async append<S extends z.ZodType>(streamId: string, contract: EventContract<string, S>, data: z.input<S>, tenantId: string): Promise<number> {
    const event: NewEvent = {
      id: uuidv7(),
      type: contract.type,
      schemaVersion: contract.schemaVersion,
      tenantId,
      occurredAt: new Date().toISOString(),
      data: contract.schema.parse(data),
      metadata: { correlationId: uuidv7(), causationId: null, actor: { userId: 'staff-1', role: 'station-staff' }, source: 'brokerage' },
    };
    return (await this.events.append(streamId, [event], { expectedVersion: 'any' })).lastPosition;
  }

  async landlord(stationId: string, contact = { name: '陈建华', phone: '13912345678' }): Promise<string> {
    const landlordId = uuidv7();
    await this.append(brokerageStreams.landlord(stationId, landlordId), LandlordRegistered, {
      landlordId,
      stationId,
      contact: await this.cipher.encrypt(landlordId, contact),
    }, stationId);
    return landlordId;
  }

  async eraseLandlord(stationId: string, landlordId: string, keys: { erase(id: string): Promise<void> }): Promise<number> {
    await keys.erase(landlordId);
    return this.append(brokerageStreams.landlord(stationId, landlordId), LandlordPersonalDataErased, { landlordId, requestedBy: 'landlord', reason: 'asked' }, stationId);
  }

  /** A unit on the station's books, published unless told otherwise; returns its id and the last position. */
  async listing(stationId: string, landlordId: string, unit: Partial<ListingCreatedData> = {}, publish = true): Promise<{ listingId: string; position: number }> {
    const listingId = uuidv7();
    const streamId = brokerageStreams.listing(stationId, listingId);
    let position = await this.append(streamId, ListingCreated, {
      listingId,
      stationId,
      landlordId,
      compound: '广瑞一村',
      building: '12',
      unit: '2',
      room: '301',
      areaSqm: 38.5,
      rooms: 2,
      monthlyRentFen: 120_000,
      depositFen: 120_000,
      photos: [],
      ...unit,
    }, stationId);
    if (publish) position = await this.append(streamId, ListingPublished, { listingId, publishedOn: '2026-04-01' }, stationId);
    return { listingId, position };
  }

  async letListing(stationId: string, listingId: string, leaseId: string): Promise<number> {
    return this.append(brokerageStreams.listing(stationId, listingId), ListingLet, { listingId, letOn: '2026-04-10', leaseId }, stationId);
  }

  async housingRequest(stationId: string, residentId: string, needs = { budgetFen: 150_000, householdSize: 3, workArea: '广瑞路工业园' }, notes?: string): Promise<string> {
    const requestId = uuidv7();
    await this.append(brokerageStreams.housingFile(stationId, residentId), HousingRequested, {
      requestId,
      residentId,
      stationId,
      ...needs,
      ...(notes ? { notes: await this.cipher.encrypt(residentId, { text: notes }) } : {}),
      requestedOn: '2026-04-01',
    }, stationId);
    return requestId;
  }

  async viewing(stationId: string, residentId: string, requestId: string, listingId: string): Promise<number> {
    const data = { requestId, residentId, viewingId: uuidv7(), listingId, scheduledAt: '2026-04-05T02:00:00.000Z' };
    return this.append(brokerageStreams.housingFile(stationId, residentId), ViewingScheduled, data, stationId);
  }

  async housed(stationId: string, residentId: string, requestId: string, leaseId: string): Promise<number> {
    const data = { requestId, residentId, outcome: 'housed' as const, leaseId, closedOn: '2026-04-10' };
    return this.append(brokerageStreams.housingFile(stationId, residentId), HousingRequestClosed, data, stationId);
  }

  async lease(stationId: string, listingId: string, residentId: string, rentFen = 120_000): Promise<string> {
    const leaseId = uuidv7();
    await this.append(brokerageStreams.lease(stationId, leaseId), LeaseSigned, {
      leaseId,
      stationId,
      listingId,
      landlordId: uuidv7(),
      residentId,
      compound: '广瑞一村',
      address: await this.cipher.encrypt(residentId, { building: '12', unit: '2', room: '301' }),
      signedOn: '2026-04-10',
      startsOn: '2026-04-15',
      endsOn: '2027-04-14',
      monthlyRentFen: rentFen,
      depositFen: rentFen,
      fee: { amountFen: Math.min(Math.floor((rentFen * 3000) / 10_000), 50_000), basisPoints: 3000, capFen: 50_000, scheduleEffectiveFrom: '2026-01-01' },
    }, stationId);
    return leaseId;
  }

  async endLease(stationId: string, leaseId: string, listingId: string, residentId: string): Promise<number> {
    const data = { leaseId, residentId, listingId, endedOn: '2026-05-01', reason: 'early-termination' as const, depositReturnedFen: 100_000, depositWithheldFen: 20_000, withholdingReason: 'broken window' };
    return this.append(brokerageStreams.lease(stationId, leaseId), LeaseEnded, data, stationId);
  }

  async invoice(stationId: string, leaseId: string, residentId: string, amountFen: number): Promise<string> {
    const invoiceId = uuidv7();
    const data = { invoiceId, stationId, leaseId, residentId, amountFen, issuedOn: '2026-04-10', reason: 'lease-signed' as const };
    await this.append(brokerageStreams.invoice(stationId, invoiceId), FeeInvoiced, data, stationId);
    return invoiceId;
  }

  async payment(stationId: string, invoiceId: string, amountFen: number): Promise<number> {
    const data = { invoiceId, paymentId: uuidv7(), amountFen, method: 'transfer' as const, reference: 'WX-1', paidOn: '2026-04-12' };
    return this.append(brokerageStreams.invoice(stationId, invoiceId), FeePaymentRecorded, data, stationId);
  }

  async waiver(stationId: string, invoiceId: string, residentId: string, amountFen: number, justification: string): Promise<number> {
    return this.append(brokerageStreams.invoice(stationId, invoiceId), FeeWaived, {
      invoiceId,
      residentId,
      amountFen,
      waivedOn: '2026-04-13',
      basis: { kind: 'case-fact', reference: 'case-7' },
      justification: await this.cipher.encrypt(residentId, { text: justification }),
      approvedBy: 'lead-1',
    }, stationId);
  }

  /** One entry of the station's ledger; returns its id and position. */
  async entry(stationId: string, entry: { kind: LedgerEntryKind; date: string; period?: string; lines: LedgerLine[]; reverses?: string }): Promise<{ entryId: string; position: number }> {
    const entryId = uuidv7();
    const position = await this.append(brokerageStreams.ledger(stationId), LedgerEntryPosted, {
      entryId,
      stationId,
      memo: entry.kind,
      period: entry.date.slice(0, 7),
      ...entry,
    }, stationId);
    return { entryId, position };
  }

  async close(stationId: string, close: Omit<LedgerMonthClosedData, 'stationId' | 'closedOn'>): Promise<number> {
    return this.append(brokerageStreams.ledger(stationId), LedgerMonthClosed, { stationId, closedOn: '2026-05-02', ...close }, stationId);
  }
}
