import { BrokerageEvent, ServiceContractSignedData } from '@kinship/contracts';
import { assertNever, Decider, DomainError } from '@kinship/eventsourcing';
import { IsoDate, isMonth, lastDayOf, Month, monthOf } from '../domain/calendar';
import { Command, definedOnly, notBefore, pastDate, requireDate, requireFen, requireText, todayOf } from '../domain/rules';

/**
 * A contract under which the district buys a service from the center (政府购买服务), e.g. child day-care
 * (子女代管): a unit price, a term, the units delivered day by day, one claim per month, the grant paid on it.
 * Stream `servicecontract-<stationId>-<contractId>`.
 */

export type SignServiceContract = Command<'SignServiceContract', ServiceContractSignedData>;
export type RecordDelivery = Command<'RecordDelivery', { contractId: string; deliveredOn: IsoDate; units: number; correctionReason?: string }>;
export type SubmitClaim = Command<'SubmitClaim', { contractId: string; claimId: string; period: Month }>;
export type RecordGrantReceipt = Command<
  'RecordGrantReceipt',
  { contractId: string; claimId: string; amountFen: number; receivedOn?: IsoDate; reference: string; final: boolean }
>;
export type ServiceContractCommand = SignServiceContract | RecordDelivery | SubmitClaim | RecordGrantReceipt;

export type ServiceContractEvent = Extract<
  BrokerageEvent,
  {
    type:
      | 'brokerage.service-contract-signed'
      | 'brokerage.service-units-delivered'
      | 'brokerage.service-claim-submitted'
      | 'brokerage.grant-received';
  }
>;

export interface ClaimRecord {
  period: Month;
  amountFen: number;
  submittedOn: IsoDate;
  receivedFen: number;
  writtenOffFen: number;
}

export interface ContractRecord extends ServiceContractSignedData {
  /** Units delivered per day. */
  deliveries: Record<IsoDate, number>;
  claims: Record<string, ClaimRecord>;
  /** The claim of each month claimed, by month. */
  claimedPeriods: Record<Month, string>;
}

export type ServiceContractState = { status: 'none' } | { status: 'signed'; contract: ContractRecord };

export const serviceContractDecider: Decider<ServiceContractCommand, ServiceContractState, ServiceContractEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

/** Outstanding on a claim: claimed less received and written off. */
export function claimOutstandingFen(claim: ClaimRecord): number {
  return claim.amountFen - claim.receivedFen - claim.writtenOffFen;
}

function decide(command: ServiceContractCommand, state: ServiceContractState): ServiceContractEvent[] {
  const today = todayOf(command.metadata);
  if (command.type === 'SignServiceContract') return sign(command.data, state);
  const contract = requireContract(state);
  switch (command.type) {
    case 'RecordDelivery':
      return recordDelivery(command.data, contract, today);
    case 'SubmitClaim':
      return submitClaim(command.data, contract, today);
    case 'RecordGrantReceipt':
      return recordReceipt(command.data, contract, today);
    default:
      return assertNever(command);
  }
}

function sign(data: ServiceContractSignedData, state: ServiceContractState): ServiceContractEvent[] {
  if (state.status === 'signed') {
    throw new DomainError('contract-already-exists', 'A contract with this id already exists', 409, { contractId: data.contractId });
  }
  const startsOn = requireDate(data.startsOn, 'startsOn');
  const endsOn = requireDate(data.endsOn, 'endsOn');
  if (endsOn < startsOn) throw new DomainError('contract-term-invalid', 'A contract ends on or after the day it starts', 422, { startsOn, endsOn });
  requireFen(data.unitPriceFen, 'unitPriceFen');
  return [{ type: 'brokerage.service-contract-signed', data: { ...data, startsOn, endsOn } }];
}

function recordDelivery(data: RecordDelivery['data'], contract: ContractRecord, today: IsoDate): ServiceContractEvent[] {
  const deliveredOn = pastDate(data.deliveredOn, 'deliveredOn', today);
  if (deliveredOn < contract.startsOn || deliveredOn > contract.endsOn) {
    throw new DomainError('delivery-outside-contract', 'The day is outside the term of the contract', 422, {
      deliveredOn,
      startsOn: contract.startsOn,
      endsOn: contract.endsOn,
    });
  }
  const claimId = contract.claimedPeriods[monthOf(deliveredOn)];
  if (claimId) {
    throw new DomainError('period-already-claimed', 'The month is claimed; its deliveries can no longer change', 409, { claimId });
  }
  if (!Number.isSafeInteger(data.units) || data.units < 0) {
    throw new DomainError('invalid-units', 'units must be a whole number, zero or more', 422, { units: data.units });
  }
  const previousUnits = contract.deliveries[deliveredOn];
  if (previousUnits === undefined) {
    if (data.correctionReason !== undefined) throw new DomainError('nothing-to-correct', 'No delivery is recorded for that day', 422, { deliveredOn });
    return [{ type: 'brokerage.service-units-delivered', data: { contractId: contract.contractId, deliveredOn, units: data.units } }];
  }
  if (data.correctionReason === undefined) {
    throw new DomainError('delivery-already-recorded', 'The day is recorded; a change is a correction with its reason', 409, {
      deliveredOn,
      units: previousUnits,
    });
  }
  const correctionReason = requireText(data.correctionReason, 'correctionReason');
  if (previousUnits === data.units) throw new DomainError('delivery-unchanged', 'The day already has these units', 422, { units: data.units });
  return [
    {
      type: 'brokerage.service-units-delivered',
      data: { contractId: contract.contractId, deliveredOn, units: data.units, previousUnits, correctionReason },
    },
  ];
}

function submitClaim(data: SubmitClaim['data'], contract: ContractRecord, today: IsoDate): ServiceContractEvent[] {
  const { period, claimId } = data;
  if (!isMonth(period)) throw new DomainError('invalid-period', 'period must be a month as YYYY-MM', 422, { period });
  if (period >= monthOf(today)) throw new DomainError('period-not-ended', 'A month is claimed after it has ended', 422, { period, today });
  if (lastDayOf(period) < contract.startsOn || `${period}-01` > contract.endsOn) {
    throw new DomainError('period-outside-contract', 'The month is outside the term of the contract', 422, { period });
  }
  const earlier = contract.claimedPeriods[period];
  if (earlier) throw new DomainError('period-already-claimed', 'The month is already claimed', 409, { claimId: earlier });
  if (contract.claims[claimId]) throw new DomainError('claim-already-exists', 'A claim with this id already exists', 409, { claimId });
  let units = 0;
  for (const [day, count] of Object.entries(contract.deliveries)) if (monthOf(day) === period) units += count;
  if (units === 0) throw new DomainError('nothing-to-claim', 'No units were delivered in that month', 422, { period });
  const amountFen = units * contract.unitPriceFen;
  if (!Number.isSafeInteger(amountFen)) throw new DomainError('invalid-amount', 'The claim is too large to be exact', 422, { units });
  return [{ type: 'brokerage.service-claim-submitted', data: { contractId: contract.contractId, claimId, period, units, amountFen, submittedOn: today } }];
}

function recordReceipt(data: RecordGrantReceipt['data'], contract: ContractRecord, today: IsoDate): ServiceContractEvent[] {
  const claim = contract.claims[data.claimId];
  if (!claim) throw new DomainError('claim-not-found', 'No claim with this id on the contract', 404, { claimId: data.claimId });
  const outstanding = claimOutstandingFen(claim);
  if (outstanding === 0) throw new DomainError('claim-settled', 'The claim is settled', 409, { claimId: data.claimId });
  const amountFen = requireFen(data.amountFen, 'amountFen', { allowZero: data.final });
  if (amountFen > outstanding) {
    throw new DomainError('receipt-exceeds-claim', 'More than is outstanding on the claim was entered', 422, { outstandingFen: outstanding, amountFen });
  }
  const reference = requireText(data.reference, 'reference');
  const receivedOn = notBefore(pastDate(data.receivedOn, 'receivedOn', today), claim.submittedOn, 'receivedOn', 'the claim');
  const shortfallWrittenOffFen = data.final ? outstanding - amountFen : 0;
  return [
    {
      type: 'brokerage.grant-received',
      data: definedOnly({ contractId: contract.contractId, claimId: data.claimId, amountFen, receivedOn, reference, shortfallWrittenOffFen }),
    },
  ];
}

function requireContract(state: ServiceContractState): ContractRecord {
  if (state.status === 'none') throw new DomainError('contract-not-found', 'No service contract with this id at the station', 404);
  return state.contract;
}

function evolve(state: ServiceContractState, event: ServiceContractEvent): ServiceContractState {
  if (event.type === 'brokerage.service-contract-signed') {
    return { status: 'signed', contract: { ...event.data, deliveries: {}, claims: {}, claimedPeriods: {} } };
  }
  if (state.status === 'none') return state;
  const contract = state.contract;
  switch (event.type) {
    case 'brokerage.service-units-delivered':
      return { status: 'signed', contract: { ...contract, deliveries: { ...contract.deliveries, [event.data.deliveredOn]: event.data.units } } };
    case 'brokerage.service-claim-submitted': {
      const { claimId, period, amountFen, submittedOn } = event.data;
      const claim: ClaimRecord = { period, amountFen, submittedOn, receivedFen: 0, writtenOffFen: 0 };
      return {
        status: 'signed',
        contract: { ...contract, claims: { ...contract.claims, [claimId]: claim }, claimedPeriods: { ...contract.claimedPeriods, [period]: claimId } },
      };
    }
    case 'brokerage.grant-received': {
      const claim = contract.claims[event.data.claimId];
      if (!claim) return state;
      const updated = {
        ...claim,
        receivedFen: claim.receivedFen + event.data.amountFen,
        writtenOffFen: claim.writtenOffFen + event.data.shortfallWrittenOffFen,
      };
      return { status: 'signed', contract: { ...contract, claims: { ...contract.claims, [event.data.claimId]: updated } } };
    }
    default:
      return assertNever(event);
  }
}
