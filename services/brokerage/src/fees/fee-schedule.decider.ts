import { BrokerageEvent, FeeScheduleSetData } from '@kinship/contracts';
import { assertNever, Decider, DomainError } from '@kinship/eventsourcing';
import { IsoDate } from '../domain/calendar';
import { Command, requireDate, requireFen, todayOf } from '../domain/rules';
import { FeeTerms, FULL_SHARE } from './fee-terms';

/**
 * The fee schedule (收费标准) of a service center, one for all its stations: a share of one month's rent, capped,
 * and a share on a renewal (usually none). Revisions take effect from a date and never reach back: a fee already
 * charged stays as it was. Stream `feeschedule-<centerId>-current`.
 */

export type SetFeeSchedule = Command<'SetFeeSchedule', Omit<FeeTerms, 'effectiveFrom'> & { centerId: string; effectiveFrom?: IsoDate }>;
export type FeeScheduleCommand = SetFeeSchedule;
export type FeeScheduleEvent = Extract<BrokerageEvent, { type: 'brokerage.fee-schedule-set' }>;

/** Every version set, ordered by the date it takes effect. */
export interface FeeScheduleState {
  centerId: string | null;
  versions: FeeTerms[];
}

export const feeScheduleDecider: Decider<FeeScheduleCommand, FeeScheduleState, FeeScheduleEvent> = {
  initialState: () => ({ centerId: null, versions: [] }),
  decide,
  evolve,
};


function decide(command: FeeScheduleCommand, state: FeeScheduleState): FeeScheduleEvent[] {
  switch (command.type) {
    case 'SetFeeSchedule': {
      const today = todayOf(command.metadata);
      const { centerId, basisPoints, capFen, renewalBasisPoints } = command.data;
      const effectiveFrom = requireDate(command.data.effectiveFrom ?? today, 'effectiveFrom');
      if (effectiveFrom < today) {
        throw new DomainError('fee-schedule-retroactive', 'A fee schedule takes effect today or later, never in the past', 422, {
          effectiveFrom,
          today,
        });
      }
      const latest = state.versions.at(-1);
      if (latest && effectiveFrom < latest.effectiveFrom) {
        throw new DomainError('fee-schedule-out-of-order', 'A revision takes effect on or after the latest one', 422, {
          effectiveFrom,
          latestEffectiveFrom: latest.effectiveFrom,
        });
      }
      for (const [field, value] of [['basisPoints', basisPoints], ['renewalBasisPoints', renewalBasisPoints]] as const) {
        if (!Number.isInteger(value) || value < 0 || value > FULL_SHARE) {
          throw new DomainError('invalid-share', `${field} is a share of one month's rent from 0 to 10000 basis points`, 422, { field, value });
        }
      }
      requireFen(capFen, 'capFen', { allowZero: true });
      const terms: FeeTerms = { effectiveFrom, basisPoints, capFen, renewalBasisPoints };
      const inForce = termsOn(state, effectiveFrom);
      if (inForce && sameTerms(inForce, terms)) {
        throw new DomainError('fee-schedule-unchanged', 'These terms are already in force on that date', 422, { effectiveFrom });
      }
      return [{ type: 'brokerage.fee-schedule-set', data: { centerId, ...terms, setOn: today } }];
    }
    default:
      return assertNever(command.type);
  }
}

function sameTerms(a: FeeTerms, b: FeeTerms): boolean {
  return a.basisPoints === b.basisPoints && a.capFen === b.capFen && a.renewalBasisPoints === b.renewalBasisPoints;
}

function evolve(state: FeeScheduleState, event: FeeScheduleEvent): FeeScheduleState {
  const { centerId, effectiveFrom, basisPoints, capFen, renewalBasisPoints }: FeeScheduleSetData = event.data;
  // A revision set again for the same date, before it took effect, replaces the earlier one.
  const kept = state.versions.filter((v) => v.effectiveFrom !== effectiveFrom);
  return { centerId, versions: [...kept, { effectiveFrom, basisPoints, capFen, renewalBasisPoints }] };
}

/** The terms in force on `date`, or null before the first version takes effect. */
export function termsOn(state: FeeScheduleState, date: IsoDate): FeeTerms | null {
  let inForce: FeeTerms | null = null;
  for (const version of state.versions) if (version.effectiveFrom <= date) inForce = version;
  return inForce;
}
