import { AID_PURPOSES, AID_REVERSAL_REASONS, VolunteeringEvent } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';
import { IsoDate, stationDate } from '../shared/station-time';

/**
 * The council's welfare aid fund (帮扶基金) of one service center, one stream: `aidfund-<centerId>-welfare`.
 * It is credited with the surplus allocations of the center's stations and pays aid to pairings. Payments draw
 * on the allocations oldest first (FIFO), and each payment records which allocations funded it, so every fen
 * paid out traces back to the surplus it came from. The fund never pays more than it holds: the whole fund is one
 * stream, so two payments racing for the last fen conflict on its version and only one is written.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export interface CreditAllocationData {
  centerId: string;
  allocationId: string;
  fromStationId: string;
  period: string;
  amountFen: number;
  ledgerEntryId: string;
  surplusEventId: string;
}
/** The pairing as the handler found it on its stream: only an active pairing receives aid. */
export type PairingStanding = { status: 'none' } | { status: 'active' | 'ended'; householdId: string };
export interface PayAidData {
  centerId: string;
  paymentId: string;
  stationId: string;
  pairingId: string;
  pairing: PairingStanding;
  amountFen: number;
  purpose: (typeof AID_PURPOSES)[number];
  paidOn?: IsoDate;
}
export interface ReverseAidPaymentData {
  centerId: string;
  paymentId: string;
  reason: (typeof AID_REVERSAL_REASONS)[number];
}

export type AidFundCommand =
  | Command<'CreditAllocation', CreditAllocationData>
  | Command<'PayAid', PayAidData>
  | Command<'ReverseAidPayment', ReverseAidPaymentData>;

export type AidFundEvent = Extract<
  VolunteeringEvent,
  { type: 'volunteering.aid-fund-credited' | 'volunteering.aid-paid' | 'volunteering.aid-payment-reversed' }
>;

export interface Allocation {
  allocationId: string;
  fromStationId: string;
  period: string;
  ledgerEntryId: string;
  surplusEventId: string;
  amountFen: number;
  /** What is left of it after the payments it funded. */
  remainingFen: number;
}

export interface Funding {
  allocationId: string;
  amountFen: number;
}

export interface AidPayment {
  paymentId: string;
  stationId: string;
  pairingId: string;
  householdId: string;
  amountFen: number;
  purpose: PayAidData['purpose'];
  paidOn: IsoDate;
  fundedBy: Funding[];
  reversed: boolean;
  reversalReason?: ReverseAidPaymentData['reason'];
}

export interface AidFundState {
  /** In the order they were credited: the order payments draw on them. */
  allocations: Allocation[];
  payments: Record<string, AidPayment>;
}

export const aidFundDecider: Decider<AidFundCommand, AidFundState, AidFundEvent> = {
  initialState: () => ({ allocations: [], payments: {} }),
  decide,
  evolve,
};

/** What the fund holds now, in fen. */
export function balanceOf(state: AidFundState): number {
  return state.allocations.reduce((sum, allocation) => sum + allocation.remainingFen, 0);
}

function decide(command: AidFundCommand, state: AidFundState): AidFundEvent[] {
  switch (command.type) {
    case 'CreditAllocation': {
      const data = command.data;
      requireWholeFen(data.amountFen, 0);
      // An allocation is credited once, however often the brokerage's event is delivered; an empty month adds nothing.
      if (data.amountFen === 0 || state.allocations.some((a) => a.allocationId === data.allocationId)) return [];
      return [{ type: 'volunteering.aid-fund-credited', data: { ...data } }];
    }
    case 'PayAid':
      return pay(command.data, state, stationDate(command.metadata.now));
    case 'ReverseAidPayment': {
      const payment = state.payments[command.data.paymentId];
      if (!payment) throw new DomainError('payment-not-found', `No aid payment ${command.data.paymentId} from this fund`, 404);
      if (payment.reversed) throw new DomainError('payment-already-reversed', 'The payment was already reversed', 409);
      const { centerId, paymentId, reason } = command.data;
      return [{ type: 'volunteering.aid-payment-reversed', data: { centerId, paymentId, reason, restored: payment.fundedBy } }];
    }
    default:
      return assertNever(command);
  }
}

function pay(data: PayAidData, state: AidFundState, today: IsoDate): AidFundEvent[] {
  requireWholeFen(data.amountFen, 1);
  if (state.payments[data.paymentId]) throw new DomainError('payment-already-recorded', `Payment ${data.paymentId} is already recorded`, 409);
  if (data.pairing.status === 'none') throw new DomainError('pairing-not-found', `No pairing ${data.pairingId} at station ${data.stationId}`, 404);
  if (data.pairing.status === 'ended') throw new DomainError('pairing-ended', 'Aid is paid to active pairings only', 409);
  const paidOn = data.paidOn ?? today;
  if (paidOn > today) throw new DomainError('date-in-future', 'paidOn is in the future', 422, { field: 'paidOn' });
  const balanceFen = balanceOf(state);
  if (data.amountFen > balanceFen) {
    throw new DomainError('aid-fund-insufficient', `The fund holds ${balanceFen} fen, less than the ${data.amountFen} fen asked`, 422, {
      balanceFen,
      requestedFen: data.amountFen,
    });
  }
  const { centerId, paymentId, stationId, pairingId, amountFen, purpose } = data;
  return [
    {
      type: 'volunteering.aid-paid',
      data: { centerId, paymentId, stationId, pairingId, householdId: data.pairing.householdId, amountFen, purpose, paidOn, fundedBy: drawOldestFirst(state, amountFen) },
    },
  ];
}

/** The allocations a payment draws on: the oldest with money left first, as much of each as it holds. */
function drawOldestFirst(state: AidFundState, amountFen: number): Funding[] {
  const funding: Funding[] = [];
  let owed = amountFen;
  for (const allocation of state.allocations) {
    if (owed === 0) break;
    const taken = Math.min(allocation.remainingFen, owed);
    if (taken === 0) continue;
    funding.push({ allocationId: allocation.allocationId, amountFen: taken });
    owed -= taken;
  }
  return funding;
}

function requireWholeFen(amountFen: number, least: number): void {
  if (!Number.isSafeInteger(amountFen) || amountFen < least) {
    throw new DomainError('invalid-amount', `Amounts are whole fen of at least ${least}`, 422, { field: 'amountFen' });
  }
}

function evolve(state: AidFundState, event: AidFundEvent): AidFundState {
  const shift = (funding: readonly Funding[], sign: 1 | -1) => {
    const byAllocation = new Map(funding.map((f) => [f.allocationId, f.amountFen]));
    return state.allocations.map((a) => (byAllocation.has(a.allocationId) ? { ...a, remainingFen: a.remainingFen + sign * (byAllocation.get(a.allocationId) ?? 0) } : a));
  };
  switch (event.type) {
    case 'volunteering.aid-fund-credited': {
      const { allocationId, fromStationId, period, ledgerEntryId, surplusEventId, amountFen } = event.data;
      return { ...state, allocations: [...state.allocations, { allocationId, fromStationId, period, ledgerEntryId, surplusEventId, amountFen, remainingFen: amountFen }] };
    }
    case 'volunteering.aid-paid': {
      const { paymentId, stationId, pairingId, householdId, amountFen, purpose, paidOn, fundedBy } = event.data;
      const payment: AidPayment = { paymentId, stationId, pairingId, householdId, amountFen, purpose, paidOn, fundedBy, reversed: false };
      return { allocations: shift(fundedBy, -1), payments: { ...state.payments, [paymentId]: payment } };
    }
    case 'volunteering.aid-payment-reversed': {
      const payment = state.payments[event.data.paymentId];
      if (!payment) return state;
      return {
        allocations: shift(event.data.restored, 1),
        payments: { ...state.payments, [payment.paymentId]: { ...payment, reversed: true, reversalReason: event.data.reason } },
      };
    }
    default:
      return assertNever(event);
  }
}
