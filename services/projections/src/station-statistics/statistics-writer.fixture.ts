import {
  AidPaid,
  AidPaymentReversed,
  brokerageStreams,
  CaseGroup,
  EventContract,
  FeeInvoiced,
  FeePaymentRecorded,
  FeeRefunded,
  HoursLogged,
  LeaseSigned,
  ViewingOutcomeRecorded,
  VolunteerCheckedIn,
  volunteeringStreams,
} from '@kinship/contracts';
import { uuidv7 } from '@kinship/eventsourcing';
import type { z } from 'zod';
import { CaseWriter } from '../case-queue/case-writer.fixture';
import { TestInfrastructure } from '../testing/registry-fixture';
import { VolunteeringWriter } from '../volunteer-testing/volunteering-writer';

/**
 * Appends, with the dates a test chooses, the events of every service that daily station statistics count: registry
 * moves through the registry fixture, cases through the case writer, the rest checked against their contracts.
 */
export class StatisticsWriter {
  readonly cases: CaseWriter;
  private readonly any: VolunteeringWriter;

  constructor(private readonly infra: TestInfrastructure) {
    this.cases = new CaseWriter(infra.events, infra.cipher);
    this.any = new VolunteeringWriter(infra.events, infra.cipher);
  }

  arrive(stationId: string, residentId: string, arrivalDate: string): Promise<number> {
    return this.infra.registry.register(stationId, residentId, { data: { arrivalDate } });
  }

  /** A case of the group, opened at the instant; returns its id. */
  async openCase(stationId: string, group: CaseGroup, at: string): Promise<string> {
    return (await this.cases.open(stationId, { group, category: 'other', at })).caseId;
  }

  /** Hours of a volunteer at the station (the stream need not start with an enrolment for these statistics). */
  hours<S extends z.ZodType>(stationId: string, volunteerId: string, contract: EventContract<string, S>, data: z.input<S>): Promise<number> {
    return this.any.volunteer(stationId, volunteerId, contract, data);
  }

  logHours(stationId: string, volunteerId: string, entryId: string, servedOn: string, minutes: number, source: 'attendance' | 'self-reported' = 'self-reported') {
    return this.hours(stationId, volunteerId, HoursLogged, { volunteerId, entryId, source, servedOn, minutes });
  }

  checkIn(stationId: string, checkedInAt: string): Promise<number> {
    const activityId = uuidv7();
    return this.any.activity(stationId, activityId, VolunteerCheckedIn, { activityId, shiftId: 's-1', volunteerId: 'v-1', checkedInAt });
  }

  /** Aid paid from the center's fund to a household of the station; returns the payment id. */
  async payAid(centerId: string, stationId: string, amountFen: number, paidOn: string): Promise<string> {
    const paymentId = uuidv7();
    await this.any.fund(centerId, AidPaid, {
      centerId,
      paymentId,
      stationId,
      pairingId: 'p-1',
      householdId: 'h-1',
      amountFen,
      purpose: 'medical',
      paidOn,
      fundedBy: [{ allocationId: 'a-1', amountFen }],
    });
    return paymentId;
  }

  reverseAid(centerId: string, paymentId: string, amountFen: number, occurredAt: string): Promise<number> {
    const data = { centerId, paymentId, reason: 'paid-in-error' as const, restored: [{ allocationId: 'a-1', amountFen }] };
    return this.any.append(volunteeringStreams.aidFund(centerId), AidPaymentReversed, data, centerId, occurredAt);
  }

  viewing(stationId: string, outcome: 'interested' | 'declined' | 'no-show' | 'cancelled', recordedOn: string): Promise<number> {
    const residentId = uuidv7();
    const data = { requestId: uuidv7(), residentId, viewingId: uuidv7(), outcome, recordedOn };
    return this.any.append(brokerageStreams.housingFile(stationId, residentId), ViewingOutcomeRecorded, data, stationId);
  }

  async signLease(stationId: string, signedOn: string): Promise<number> {
    const leaseId = uuidv7();
    const residentId = uuidv7();
    return this.any.append(brokerageStreams.lease(stationId, leaseId), LeaseSigned, {
      leaseId,
      stationId,
      listingId: uuidv7(),
      landlordId: uuidv7(),
      residentId,
      compound: '广瑞一村',
      address: await this.infra.cipher.encrypt(residentId, { building: '12', unit: '2' }),
      signedOn,
      startsOn: signedOn,
      endsOn: '2099-12-31',
      monthlyRentFen: 120_000,
      depositFen: 120_000,
      fee: { amountFen: 36_000, basisPoints: 3000, capFen: 50_000, scheduleEffectiveFrom: '2004-01-01' },
    }, stationId);
  }

  /** An invoice issued, then paid in part and refunded a little, on the given days; returns the last position. */
  async fees(stationId: string, days: { issuedOn: string; paidOn: string; refundedOn: string }, amounts: { invoicedFen: number; paidFen: number; refundedFen: number }): Promise<number> {
    const invoiceId = uuidv7();
    const stream = brokerageStreams.invoice(stationId, invoiceId);
    const invoice = { invoiceId, stationId, leaseId: uuidv7(), residentId: uuidv7(), amountFen: amounts.invoicedFen, issuedOn: days.issuedOn, reason: 'lease-signed' as const };
    await this.any.append(stream, FeeInvoiced, invoice, stationId);
    await this.any.append(stream, FeePaymentRecorded, { invoiceId, paymentId: uuidv7(), amountFen: amounts.paidFen, method: 'cash', paidOn: days.paidOn }, stationId);
    const refund = { invoiceId, refundId: uuidv7(), amountFen: amounts.refundedFen, method: 'cash' as const, refundedOn: days.refundedOn, reason: 'overpaid' };
    return this.any.append(stream, FeeRefunded, refund, stationId);
  }
}
