import {
  AidPaid,
  CaseGroup,
  CaseCategory,
  CaseHandedOver,
  CaseOpened,
  CaseReceived,
  CaseResolved,
  casesStreams,
  CommunityCensusRecorded,
  DEFAULT_WORKING_CALENDAR,
  EventContract,
  FeeInvoiced,
  FeeWaived,
  HoursLogged,
  LeaseSigned,
  PairingEnded,
  PairingStarted,
  registryStreams,
  ResidentMovedOut,
  ResidentReturned,
  ResidentPersonalDataErased,
  ResidentTransferredOut,
  ResidentTransferredIn,
  SurplusAllocated,
  VolunteerLeft,
  VolunteerSuspended,
  brokerageStreams,
} from '@kinship/contracts';
import type { z } from 'zod';
import { TestInfrastructure } from '../../testing/registry-fixture';
import { VolunteeringWriter } from '../../volunteer-testing/volunteering-writer';

const CIPHERTEXT = 'v1.test.ciphertext.only';
/** The default SLA every case of these specs is opened under. */
const TERMS = { policyVersion: 0, responseMinutes: 240, resolutionMinutes: 1080, warningRatio: 0.8, reopenWindowDays: 30, calendar: DEFAULT_WORKING_CALENDAR };

/**
 * Appends the events the district indicators count, checked against the contracts, with the domain dates the
 * figures are bucketed by: the projections service imports no other service, so its specs write the log directly.
 */
export class IndicatorWriter {
  private readonly raw: VolunteeringWriter;
  private serial = 0;

  constructor(private readonly infra: TestInfrastructure) {
    this.raw = new VolunteeringWriter(infra.events, infra.cipher);
  }

  private id(prefix: string): string {
    this.serial += 1;
    return `${prefix}-${this.serial}`;
  }

  /** A newcomer registered at the station, arrived on that day; returns the resident id. */
  async arrive(stationId: string, arrivalDate: string, residentId = this.id('res')): Promise<string> {
    await this.infra.registry.register(stationId, residentId, { data: { arrivalDate }, occurredAt: `${arrivalDate}T09:00:00+08:00` });
    return residentId;
  }

  async arriveMany(stationId: string, arrivalDate: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) ids.push(await this.arrive(stationId, arrivalDate));
    return ids;
  }

  moveOut(stationId: string, residentId: string, movedOutOn: string): Promise<number> {
    return this.raw.append(registryStreams.resident(stationId, residentId), ResidentMovedOut, { residentId, movedOutOn, reason: 'returned home' }, stationId);
  }

  async transfer(from: string, to: string, residentId: string, transferredOn: string): Promise<number> {
    await this.raw.append(registryStreams.resident(from, residentId), ResidentTransferredOut, { residentId, toStationId: to, transferredOn }, from);
    return this.raw.append(
      registryStreams.resident(to, residentId),
      ResidentTransferredIn,
      {
        residentId,
        stationId: to,
        fromStationId: from,
        transferredOn,
        personal: CIPHERTEXT,
        idNumberHash: `hash-${residentId}`,
        sex: 'female',
        origin: { province: 'Anhui', city: 'Fuyang' },
        arrivalDate: '2005-01-01',
        compound: 'compound-2',
        childrenNeedingSchool: [],
        consent: { given: true, recordedAt: '2005-01-01T08:00:00+08:00', scope: ['registry'] },
        permit: { status: 'none' },
      },
      to,
    );
  }

  /** The return of a resident who moved out from `from`, to `to` (the same stream when they come back to `from`). */
  returnTo(to: string, from: string, residentId: string, movedOutOn: string, arrivalDate: string): Promise<number> {
    return this.raw.append(
      registryStreams.resident(to, residentId),
      ResidentReturned,
      {
        residentId,
        stationId: to,
        fromStationId: from,
        movedOutOn,
        arrivalDate,
        personal: CIPHERTEXT,
        idNumberHash: `hash-${residentId}`,
        sex: 'female',
        origin: { province: 'Anhui', city: 'Fuyang' },
        compound: 'compound-2',
        childrenNeedingSchool: [],
        consent: { given: true, recordedAt: '2005-01-01T08:00:00+08:00', scope: ['registry'] },
        permit: { status: 'none' },
      },
      to,
    );
  }

  erase(stationId: string, residentId: string): Promise<number> {
    return this.raw.append(registryStreams.resident(stationId, residentId), ResidentPersonalDataErased, { residentId, requestedBy: 'operator-1', reason: 'request' }, stationId);
  }

  census(stationId: string, asOf: string, residents: number): Promise<number> {
    return this.raw.append(registryStreams.census(stationId), CommunityCensusRecorded, { stationId, asOf, households: Math.ceil(residents / 3), residents }, stationId);
  }

  /** Opens a case at that instant; returns its id. */
  async openCase(stationId: string, at: string, options: { group?: CaseGroup; category?: CaseCategory } = {}): Promise<string> {
    const caseId = this.id('case');
    await this.raw.append(
      casesStreams.case(stationId, caseId),
      CaseOpened,
      {
        caseId,
        stationId,
        residentIds: ['res-x'],
        group: options.group ?? 'services',
        category: options.category ?? 'job-seeking',
        priority: 'normal',
        channel: 'walk-in',
        consentScope: [],
        description: CIPHERTEXT,
        terms: TERMS,
        at,
      },
      stationId,
      at,
    );
    return caseId;
  }

  resolve(stationId: string, caseId: string, at: string): Promise<number> {
    return this.raw.append(casesStreams.case(stationId, caseId), CaseResolved, { caseId, outcome: 'resolved', at }, stationId, at);
  }

  /** Hands an open case over to another station, where it is received (same case id, a new stream). */
  async handOver(from: string, to: string, caseId: string, at: string): Promise<number> {
    await this.raw.append(casesStreams.case(from, caseId), CaseHandedOver, { caseId, toStationId: to, cause: 'station-decision', at }, from, at);
    return this.raw.append(
      casesStreams.case(to, caseId),
      CaseReceived,
      {
        caseId,
        stationId: to,
        fromStationId: from,
        residentIds: ['res-x'],
        otherParties: [],
        group: 'services',
        category: 'job-seeking',
        priority: 'normal',
        channel: 'walk-in',
        consentScope: [],
        description: CIPHERTEXT,
        terms: TERMS,
        at,
      },
      to,
      at,
    );
  }

  suspend(stationId: string, volunteerId: string, suspendedOn: string): Promise<number> {
    return this.raw.volunteer(stationId, volunteerId, VolunteerSuspended, { volunteerId, suspendedOn, reason: 'inactivity' });
  }

  leave(stationId: string, volunteerId: string, leftOn: string): Promise<number> {
    return this.raw.volunteer(stationId, volunteerId, VolunteerLeft, { volunteerId, leftOn, reason: 'moved-away' });
  }

  endPairing(stationId: string, pairingId: string, endedOn: string): Promise<number> {
    return this.raw.pairing(stationId, pairingId, PairingEnded, { pairingId, endedOn, reason: 'no-longer-needed' });
  }

  /** A volunteer enrolled that day, with hours served and verified by attendance. */
  async volunteer(stationId: string, enrolledOn: string, hours: Array<[servedOn: string, minutes: number]> = []): Promise<string> {
    const volunteerId = this.id('vol');
    await this.raw.enrol(stationId, volunteerId, { enrolledOn });
    for (const [servedOn, minutes] of hours) await this.hours(stationId, volunteerId, servedOn, minutes);
    return volunteerId;
  }

  /** Hours served and verified by attendance; returns the entry id. */
  async hours(stationId: string, volunteerId: string, servedOn: string, minutes: number): Promise<string> {
    const entryId = this.id('entry');
    await this.raw.volunteer(stationId, volunteerId, HoursLogged, { volunteerId, entryId, source: 'attendance', servedOn, minutes });
    return entryId;
  }

  hoursEvent<S extends z.ZodType>(stationId: string, volunteerId: string, contract: EventContract<string, S>, data: z.input<S>): Promise<number> {
    return this.raw.volunteer(stationId, volunteerId, contract, data);
  }

  async pairing(stationId: string, startedOn: string): Promise<string> {
    const pairingId = this.id('pairing');
    await this.raw.pairing(stationId, pairingId, PairingStarted, {
      pairingId,
      stationId,
      volunteerId: 'vol-any',
      householdId: 'hh-1',
      beneficiaryResidentId: 'res-b',
      category: 'elderly-living-alone',
      alertAfterDays: 30,
      startedOn,
    });
    return pairingId;
  }

  aidPaid(centerId: string, stationId: string, paidOn: string, amountFen: number): Promise<number> {
    return this.raw.fund(centerId, AidPaid, {
      centerId,
      paymentId: this.id('payment'),
      stationId,
      pairingId: 'pairing-any',
      householdId: 'hh-1',
      amountFen,
      purpose: 'living-allowance',
      paidOn,
      fundedBy: [{ allocationId: 'alloc-1', amountFen }],
    });
  }

  /** A lease brokered that day, with its fee invoiced. */
  async lease(stationId: string, signedOn: string, feeFen: number): Promise<string> {
    const leaseId = this.id('lease');
    await this.raw.append(
      brokerageStreams.lease(stationId, leaseId),
      LeaseSigned,
      {
        leaseId,
        stationId,
        listingId: 'listing-1',
        landlordId: 'landlord-1',
        residentId: 'res-l',
        compound: 'compound-1',
        address: CIPHERTEXT,
        signedOn,
        startsOn: signedOn,
        endsOn: signedOn,
        monthlyRentFen: 80_000,
        depositFen: 80_000,
        fee: { amountFen: feeFen, basisPoints: 3000, capFen: 50_000, scheduleEffectiveFrom: '2004-01-01' },
      },
      stationId,
    );
    await this.invoice(stationId, leaseId, signedOn, feeFen);
    return leaseId;
  }

  async invoice(stationId: string, leaseId: string, issuedOn: string, amountFen: number): Promise<string> {
    const invoiceId = this.id('invoice');
    await this.raw.append(
      brokerageStreams.invoice(stationId, invoiceId),
      FeeInvoiced,
      { invoiceId, stationId, leaseId, residentId: 'res-l', amountFen, issuedOn, reason: 'lease-signed' },
      stationId,
    );
    return invoiceId;
  }

  waive(stationId: string, invoiceId: string, waivedOn: string, amountFen: number): Promise<number> {
    return this.raw.append(
      brokerageStreams.invoice(stationId, invoiceId),
      FeeWaived,
      { invoiceId, residentId: 'res-l', amountFen, waivedOn, basis: { kind: 'case-fact', reference: 'case-1' }, justification: CIPHERTEXT, approvedBy: 'lead-1' },
      stationId,
    );
  }

  surplus(stationId: string, period: string, amountFen: number): Promise<number> {
    const allocationId = this.id('alloc');
    return this.raw.append(brokerageStreams.surplus(stationId, allocationId), SurplusAllocated, { allocationId, stationId, period, amountFen, ledgerEntryId: 'entry-1' }, stationId);
  }

  head(): Promise<number> {
    return this.infra.events.headPosition();
  }
}

