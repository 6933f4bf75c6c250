import { BrokerageEvent, FeeAssessment, LeaseSignedData } from '@kinship/contracts';
import { assertNever, Decider, DomainError } from '@kinship/eventsourcing';
import { IsoDate } from '../domain/calendar';
import { Command, definedOnly, notBefore, pastDate, requireDate, requireFen, requireText, todayOf } from '../domain/rules';
import { assessFee, FeeTerms } from '../fees/fee-terms';

/**
 * A lease (租约) brokered by the station between a landlord and a resident. Stream `lease-<stationId>-<leaseId>`.
 * The brokerage fee is assessed here, from the center's terms in force on the day of signing (or renewal).
 */

export type SignLease = Command<'SignLease', Omit<LeaseSignedData, 'fee' | 'signedOn'> & { signedOn?: IsoDate; feeTerms: FeeTerms }>;
export type RenewLease = Command<
  'RenewLease',
  { leaseId: string; endsOn: IsoDate; monthlyRentFen?: number; renewedOn?: IsoDate; feeTerms: FeeTerms }
>;
export type EndLease = Command<
  'EndLease',
  { leaseId: string; endedOn?: IsoDate; depositReturnedFen: number; withholdingReason?: string }
>;
export type LeaseCommand = SignLease | RenewLease | EndLease;

export type LeaseEvent = Extract<BrokerageEvent, { type: 'brokerage.lease-signed' | 'brokerage.lease-renewed' | 'brokerage.lease-ended' }>;

export interface LeaseRecord {
  leaseId: string;
  stationId: string;
  listingId: string;
  residentId: string;
  signedOn: IsoDate;
  startsOn: IsoDate;
  endsOn: IsoDate;
  monthlyRentFen: number;
  depositFen: number;
  /** The fee of each signing and renewal, in order. */
  fees: FeeAssessment[];
}

export type LeaseState =
  | { status: 'none' }
  | { status: 'active'; lease: LeaseRecord }
  | { status: 'ended'; lease: LeaseRecord; endedOn: IsoDate };

export const leaseDecider: Decider<LeaseCommand, LeaseState, LeaseEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function decide(command: LeaseCommand, state: LeaseState): LeaseEvent[] {
  const today = todayOf(command.metadata);
  switch (command.type) {
    case 'SignLease':
      return sign(command.data, state, today);
    case 'RenewLease': {
      const lease = requireActive(state);
      const renewedOn = notBefore(pastDate(command.data.renewedOn, 'renewedOn', today), lease.signedOn, 'renewedOn', 'the signing');
      const endsOn = requireDate(command.data.endsOn, 'endsOn');
      if (endsOn <= lease.endsOn) {
        throw new DomainError('renewal-must-extend-term', 'A renewal ends after the current term', 422, { endsOn, currentEndsOn: lease.endsOn });
      }
      const monthlyRentFen = requireFen(command.data.monthlyRentFen ?? lease.monthlyRentFen, 'monthlyRentFen');
      const fee = assessFee(command.data.feeTerms, monthlyRentFen, 'renewal');
      return [
        {
          type: 'brokerage.lease-renewed',
          data: { leaseId: lease.leaseId, residentId: lease.residentId, renewedOn, previousEndsOn: lease.endsOn, endsOn, monthlyRentFen, fee },
        },
      ];
    }
    case 'EndLease':
      return end(command.data, state, today);
    default:
      return assertNever(command);
  }
}

function sign(data: SignLease['data'], state: LeaseState, today: IsoDate): LeaseEvent[] {
  if (state.status !== 'none') throw new DomainError('lease-already-exists', 'A lease with this id already exists', 409, { leaseId: data.leaseId });
  const signedOn = pastDate(data.signedOn, 'signedOn', today);
  const startsOn = requireDate(data.startsOn, 'startsOn');
  const endsOn = requireDate(data.endsOn, 'endsOn');
  if (endsOn <= startsOn) throw new DomainError('lease-term-invalid', 'A lease ends after it starts', 422, { startsOn, endsOn });
  requireFen(data.monthlyRentFen, 'monthlyRentFen');
  requireFen(data.depositFen, 'depositFen', { allowZero: true });
  const { feeTerms, ...lease } = data;
  const fee = assessFee(feeTerms, data.monthlyRentFen, 'new-lease');
  return [{ type: 'brokerage.lease-signed', data: definedOnly({ ...lease, signedOn, startsOn, endsOn, fee }) }];
}

function end(data: EndLease['data'], state: LeaseState, today: IsoDate): LeaseEvent[] {
  const lease = requireActive(state);
  const endedOn = notBefore(pastDate(data.endedOn, 'endedOn', today), lease.startsOn, 'endedOn', 'the start of the lease');
  const depositReturnedFen = requireFen(data.depositReturnedFen, 'depositReturnedFen', { allowZero: true });
  if (depositReturnedFen > lease.depositFen) {
    throw new DomainError('deposit-return-exceeds-deposit', 'More than the deposit cannot be returned', 422, {
      depositFen: lease.depositFen,
      depositReturnedFen,
    });
  }
  const depositWithheldFen = lease.depositFen - depositReturnedFen;
  const withholdingReason = depositWithheldFen > 0 ? requireText(data.withholdingReason, 'withholdingReason') : undefined;
  return [
    {
      type: 'brokerage.lease-ended',
      data: definedOnly({
        leaseId: lease.leaseId,
        residentId: lease.residentId,
        listingId: lease.listingId,
        endedOn,
        reason: endedOn >= lease.endsOn ? ('term-completed' as const) : ('early-termination' as const),
        depositReturnedFen,
        depositWithheldFen,
        withholdingReason,
      }),
    },
  ];
}

function requireActive(state: LeaseState): LeaseRecord {
  if (state.status === 'none') throw new DomainError('lease-not-found', 'No lease with this id at the station', 404);
  if (state.status === 'ended') throw new DomainError('lease-ended', 'The lease has ended', 409, { endedOn: state.endedOn });
  return state.lease;
}

function evolve(state: LeaseState, event: LeaseEvent): LeaseState {
  switch (event.type) {
    case 'brokerage.lease-signed': {
      const { leaseId, stationId, listingId, residentId, signedOn, startsOn, endsOn, monthlyRentFen, depositFen, fee } = event.data;
      return {
        status: 'active',
        lease: { leaseId, stationId, listingId, residentId, signedOn, startsOn, endsOn, monthlyRentFen, depositFen, fees: [fee] },
      };
    }
    case 'brokerage.lease-renewed':
      return state.status === 'active'
        ? {
            status: 'active',
            lease: {
              ...state.lease,
              endsOn: event.data.endsOn,
              monthlyRentFen: event.data.monthlyRentFen,
              fees: [...state.lease.fees, event.data.fee],
            },
          }
        : state;
    case 'brokerage.lease-ended':
      return state.status === 'active' ? { status: 'ended', lease: state.lease, endedOn: event.data.endedOn } : state;
    default:
      return assertNever(event);
  }
}
