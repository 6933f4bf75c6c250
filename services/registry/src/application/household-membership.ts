import { HouseholdMemberAdded, HouseholdMemberRemoved, NewEvent } from '@kinship/contracts';
import { CommandContext, CommandResult, deterministicUuid } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { ResidentState } from '../resident/resident.decider';
import { RegistryStreams } from './registry-streams';

/** The event that calls for the other side of a membership to follow: its id seeds the ids of what follows. */
export interface MembershipCause {
  id: string;
  stationId: string;
  residentId: string;
}

/**
 * Keeps a household's member list and its members' own record of their household in step (ADR 0012). The household
 * stream is the authority; the resident stream mirrors it. Each step runs one aggregate's command with event ids
 * derived from the causing event, so it runs both right after the cause (in the handler that appended it, for an
 * answer that is already consistent) and again from the registry's reaction (after a crash in between, or for causes
 * written without a handler): whichever comes second appends nothing. Every method answers the highest log position
 * it wrote or found written (0 when there was nothing to do), for read-your-writes.
 */
@Injectable()
export class HouseholdMembership {
  constructor(private readonly streams: RegistryStreams) {}

  /** A member joined a household: the resident records it, leaving any other household; one gone meanwhile is taken off. */
  async memberAdded(cause: MembershipCause & { householdId: string }, context: CommandContext): Promise<number> {
    const { id, stationId, residentId, householdId } = cause;
    const resident = await this.streams.residentState(stationId, residentId);
    if (resident.status !== 'present') return this.removeMember(stationId, householdId, residentId, step(id, 'remove-absent-member'), context);
    const previous = resident.resident.householdId;
    const left =
      previous !== undefined && previous !== householdId
        ? await this.removeMember(stationId, previous, residentId, step(id, 'leave-previous-household'), context)
        : 0;
    const joined = await this.streams.resident(stationId, { type: 'JoinHousehold', data: { residentId, householdId } }, context, step(id, 'join-household'));
    return Math.max(left, written(joined));
  }

  /** A member was taken off a household's list: the resident records leaving it. */
  async memberRemoved(cause: MembershipCause & { householdId: string }, context: CommandContext): Promise<number> {
    const { id, stationId, residentId, householdId } = cause;
    if ((await this.streams.residentState(stationId, residentId)).status === 'unregistered') return 0;
    const left = await this.streams.resident(stationId, { type: 'LeaveHousehold', data: { residentId, householdId } }, context, step(id, 'leave-household'));
    return written(left);
  }

  /** The resident moved out, was transferred away or erased: a household of the station keeps only people living there. */
  async residentDeparted(cause: MembershipCause, context: CommandContext): Promise<number> {
    const { id, stationId, residentId } = cause;
    const householdId = householdOf(await this.streams.residentState(stationId, residentId));
    if (householdId === undefined) return 0;
    return this.removeMember(stationId, householdId, residentId, step(id, 'remove-departed-member'), context);
  }

  /** The resident arrived (registered, transferred in, returned) naming a household: its member list takes them in. */
  async residentArrived(cause: MembershipCause & { householdId?: string }, context: CommandContext): Promise<number> {
    const { id, stationId, residentId, householdId } = cause;
    if (householdId === undefined) return 0;
    const household = await this.streams.householdState(stationId, householdId);
    if (household.status !== 'created' || household.members.some((m) => m.residentId === residentId)) return 0;
    // The arrival does not say how the person is related to the household: 'other' claims nothing; staff may correct it.
    const result = await this.streams.household(
      stationId,
      { type: 'AddHouseholdMember', data: { householdId, residentId, relation: 'other' } },
      context,
      step(id, 'add-arriving-member'),
    );
    const added = firstOfType(result.events, HouseholdMemberAdded.type);
    const mirrored = added ? await this.memberAdded({ id: added.id, stationId, residentId, householdId }, context) : 0;
    return Math.max(written(result), mirrored);
  }

  private async removeMember(stationId: string, householdId: string, residentId: string, options: StepOptions, context: CommandContext): Promise<number> {
    const household = await this.streams.householdState(stationId, householdId);
    if (household.status !== 'created' || !household.members.some((m) => m.residentId === residentId)) return 0;
    const result = await this.streams.household(stationId, { type: 'RemoveHouseholdMember', data: { householdId, residentId } }, context, options);
    const removed = firstOfType(result.events, HouseholdMemberRemoved.type);
    const mirrored = removed ? await this.memberRemoved({ id: removed.id, stationId, residentId, householdId }, context) : 0;
    return Math.max(written(result), mirrored);
  }
}

type StepOptions = { eventIds: string[]; causationId: string };

function step(causeId: string, name: string): StepOptions {
  return { eventIds: [deterministicUuid(causeId, `registry.household-membership/${name}`)], causationId: causeId };
}

function written(result: CommandResult): number {
  return result.events.length > 0 ? result.lastPosition : 0;
}

function householdOf(state: ResidentState): string | undefined {
  switch (state.status) {
    case 'unregistered':
      return undefined;
    case 'erased':
      return state.householdId;
    default:
      return state.resident.householdId;
  }
}

/** The first event of a type a command appended (or found appended by an earlier delivery). */
export function firstOfType(events: readonly NewEvent[], type: string): NewEvent | undefined {
  return events.find((event) => event.type === type);
}
