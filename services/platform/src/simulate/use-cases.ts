import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { RegisterResidentHandler } from '@kinship/registry';

/**
 * The services' own use-case handlers, as the simulator calls them. A service exports its module and little else,
 * and the platform must not reach into a service's sources, so each handler is found in the running Nest app by
 * its class name and checked to have the methods used here; the shapes below are the handlers' request DTOs.
 */

type Ctx = CommandContext;
type Outcome = Promise<CommandOutcome>;

export interface RegistryUseCases {
  register: RegisterResidentHandler;
  moveOut: { execute(stationId: string, residentId: string, request: { movedOutOn: string; reason: string }, context: Ctx): Outcome };
  moveWithin: {
    execute(stationId: string, residentId: string, request: { compound: string; building: string; unit: string; room?: string; movedOn?: string }, context: Ctx): Outcome;
  };
  transfer: {
    execute(
      stationId: string,
      residentId: string,
      request: { toStationId: string; compound: string; building: string; unit: string; room?: string; transferredOn?: string },
      context: Ctx,
    ): Outcome;
  };
  permit: { execute(stationId: string, residentId: string, step: 'application' | 'issue' | 'endorsement', request: { on?: string }, context: Ctx): Outcome };
  createHousehold: { execute(stationId: string, request: { compound: string }, context: Ctx): Promise<CommandOutcome & { householdId: string }> };
  addHouseholdMember: { execute(stationId: string, householdId: string, request: { residentId: string; relation: 'head' | 'spouse' | 'child' | 'parent' | 'other' }, context: Ctx): Outcome };
}

export interface CaseUseCases {
  open: {
    execute(
      stationId: string,
      request: { residentIds: string[]; group: string; category: string; description: string; priority?: string; channel: string },
      context: Ctx,
    ): Promise<CommandOutcome & { caseId: string }>;
  };
  assign: { execute(stationId: string, caseId: string, request: { assigneeId: string; assigneeKind?: 'worker' | 'council-member' }, context: Ctx): Outcome };
  addParty: { execute(stationId: string, caseId: string, request: { description: string }, context: Ctx): Promise<CommandOutcome & { partyId: string }> };
  mediation: {
    schedule(stationId: string, caseId: string, request: { scheduledFor: string; place: string; partyIds: string[] }, context: Ctx): Promise<CommandOutcome & { sessionId: string }>;
    record(stationId: string, caseId: string, sessionId: string, request: { attendeePartyIds: string[]; record: string }, context: Ctx): Outcome;
  };
  agreement: {
    reach(
      stationId: string,
      caseId: string,
      request: { sessionId: string; reachedOn?: string; duties: Array<{ partyId: string; what: string; dueOn: string }> },
      context: Ctx,
    ): Promise<CommandOutcome & { dutyIds: string[] }>;
    checkDuty(stationId: string, caseId: string, dutyId: string, request: { result: 'fulfilled' | 'pending' | 'failed'; checkedOn?: string }, context: Ctx): Outcome;
  };
  resolve: { execute(stationId: string, caseId: string, request: { outcome: 'resolved' | 'partially-resolved'; summary?: string }, context: Ctx): Outcome };
  feedback: { execute(stationId: string, caseId: string, request: { satisfaction?: number; refused?: true }, context: Ctx): Outcome };
  close: { execute(stationId: string, caseId: string, context: Ctx): Outcome };
}

export interface VolunteeringUseCases {
  enrol: {
    execute(
      stationId: string,
      request: { residentId?: string; name: string; phone: string; skills?: string[]; languages?: string[]; enrolledOn?: string },
      context: Ctx,
    ): Promise<CommandOutcome & { volunteerId: string }>;
  };
  logHours: { execute(stationId: string, volunteerId: string, request: { servedOn: string; minutes: number; description?: string }, context: Ctx): Promise<CommandOutcome & { entryId: string }> };
  reviewHours: { verify(stationId: string, volunteerId: string, entryId: string, context: Ctx): Outcome };
  standing: { depart(stationId: string, volunteerId: string, request: { reason: 'moved-away' | 'no-time' | 'own-request'; leftOn?: string }, context: Ctx): Outcome };
  startPairing: {
    execute(
      stationId: string,
      request: { volunteerId: string; householdId: string; beneficiaryResidentId: string; category: 'elderly-living-alone' | 'disabled' | 'hardship'; needs?: string; alertAfterDays?: number; startedOn?: string },
      context: Ctx,
    ): Promise<CommandOutcome & { pairingId: string }>;
  };
  payAid: {
    execute(
      centerId: string,
      request: { stationId: string; pairingId: string; amountFen: number; purpose: 'festival-visit' | 'medical' | 'living-allowance'; paidOn?: string },
      context: Ctx,
    ): Promise<CommandOutcome & { paymentId: string }>;
  };
}

export interface BrokerageUseCases {
  feeSchedule: { set(centerId: string, request: { effectiveFrom?: string; basisPoints: number; capFen: number; renewalBasisPoints: number }, context: Ctx): Outcome };
  registerLandlord: { execute(stationId: string, request: { name: string; phone: string }, context: Ctx): Promise<CommandOutcome & { landlordId: string }> };
  createListing: {
    execute(
      stationId: string,
      request: { landlordId: string; compound: string; building: string; unit: string; room: string; areaSqm: number; rooms: number; monthlyRentFen: number; depositFen: number },
      context: Ctx,
    ): Promise<CommandOutcome & { listingId: string }>;
  };
  listing: { execute(stationId: string, command: { type: 'PublishListing'; data: { listingId: string; publishedOn?: string } }, context: Ctx): Outcome };
  openHousingRequest: {
    execute(stationId: string, residentId: string, request: { budgetFen: number; householdSize: number; workArea: string; moveInBy?: string }, context: Ctx): Promise<CommandOutcome & { requestId: string }>;
  };
  signLease: {
    execute(
      stationId: string,
      request: { listingId: string; residentId: string; requestId?: string; startsOn: string; endsOn: string; signedOn?: string },
      context: Ctx,
    ): Promise<CommandOutcome & { leaseId: string; invoiceId: string | null; fee: { amountFen: number } }>;
  };
  recordPayment: { execute(stationId: string, invoiceId: string, request: { amountFen: number; method: 'cash' | 'transfer'; reference?: string; on?: string }, context: Ctx): Outcome };
  endLease: { execute(stationId: string, leaseId: string, request: { endedOn?: string; depositReturnedFen: number }, context: Ctx): Outcome };
  recordExpense: {
    execute(
      stationId: string,
      request: { amountFen: number; paidFrom: 'cash' | 'bank'; category: 'premises' | 'staff' | 'supplies' | 'utilities' | 'activities' | 'other'; description: string; spentOn?: string },
      context: Ctx,
    ): Outcome;
  };
  closeMonth: { execute(stationId: string, request: { period: string }, context: Ctx): Promise<CommandOutcome & { allocationId: string | null; allocatedFen: number }> };
}

export interface UseCases {
  registry: RegistryUseCases;
  cases: CaseUseCases;
  volunteering: VolunteeringUseCases;
  brokerage: BrokerageUseCases;
}

/** Finds every use case the simulator drives in the app; fails at once, naming the handler, when one is missing. */
export function useCasesOf(app: INestApplicationContext): UseCases {
  const byName = providersByClassName(app);
  const handler = <T>(className: string, ...methods: string[]): T => {
    const token = byName.get(className);
    if (token === undefined) throw new Error(`The simulator needs the ${className} use case, which no service module provides`);
    const instance = app.get(token, { strict: false }) as Record<string, unknown>;
    const missing = methods.filter((method) => typeof instance[method] !== 'function');
    if (missing.length > 0) throw new Error(`${className} no longer has ${missing.join(', ')}: the simulator's use-case shapes need updating`);
    return instance as T;
  };
  return {
    registry: {
      register: app.get(RegisterResidentHandler, { strict: false }),
      moveOut: handler('MoveOutHandler', 'execute'),
      moveWithin: handler('MoveWithinStationHandler', 'execute'),
      transfer: handler('TransferResidentHandler', 'execute'),
      permit: handler('RecordPermitStepHandler', 'execute'),
      createHousehold: handler('CreateHouseholdHandler', 'execute'),
      addHouseholdMember: handler('AddHouseholdMemberHandler', 'execute'),
    },
    cases: {
      open: handler('OpenCaseHandler', 'execute'),
      assign: handler('AssignCaseHandler', 'execute'),
      addParty: handler('AddPartyHandler', 'execute'),
      mediation: handler('MediationSessionHandler', 'schedule', 'record'),
      agreement: handler('MediationAgreementHandler', 'reach', 'checkDuty'),
      resolve: handler('ResolveCaseHandler', 'execute'),
      feedback: handler('RecordFeedbackHandler', 'execute'),
      close: handler('CloseCaseHandler', 'execute'),
    },
    volunteering: {
      enrol: handler('EnrolVolunteerHandler', 'execute'),
      logHours: handler('LogHoursHandler', 'execute'),
      reviewHours: handler('ReviewHoursHandler', 'verify'),
      standing: handler('VolunteerStandingHandler', 'depart'),
      startPairing: handler('StartPairingHandler', 'execute'),
      payAid: handler('PayAidHandler', 'execute'),
    },
    brokerage: {
      feeSchedule: handler('FeeScheduleHandler', 'set'),
      registerLandlord: handler('RegisterLandlordHandler', 'execute'),
      createListing: handler('CreateListingHandler', 'execute'),
      listing: handler('ListingLifecycleHandler', 'execute'),
      openHousingRequest: handler('OpenHousingRequestHandler', 'execute'),
      signLease: handler('SignLeaseHandler', 'execute'),
      recordPayment: handler('RecordPaymentHandler', 'execute'),
      endLease: handler('EndLeaseHandler', 'execute'),
      recordExpense: handler('RecordExpenseHandler', 'execute'),
      closeMonth: handler('CloseMonthHandler', 'execute'),
    },
  };
}

/** A handler found by class name, for use cases this file has no shape for yet (e.g. the registry's census). */
export function findUseCase(app: INestApplicationContext, className: string): Record<string, unknown> | undefined {
  const token = providersByClassName(app).get(className);
  return token === undefined ? undefined : (app.get(token, { strict: false }) as Record<string, unknown>);
}

function providersByClassName(app: INestApplicationContext): Map<string, abstract new (...args: never[]) => unknown> {
  const found = new Map<string, abstract new (...args: never[]) => unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const token of module.providers.keys()) {
      if (typeof token === 'function' && token.name) found.set(token.name, token as abstract new (...args: never[]) => unknown);
    }
  }
  return found;
}
