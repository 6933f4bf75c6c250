import { HOUSEHOLD_RELATIONS, RegistryEvent } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';

/**
 * The household (户) aggregate, one stream per household and station:
 * `household-<stationId>-<householdId>`. Whether a member is a registered resident of the station
 * is the handler's check: a decider sees only its own stream.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

export interface CreateHouseholdData {
  householdId: string;
  stationId: string;
  compound: string;
}
/** Joining with the relation `head` also makes the member the head, if the household has none. */
export interface AddHouseholdMemberData {
  householdId: string;
  residentId: string;
  relation: HouseholdRelation;
}
export interface RemoveHouseholdMemberData {
  householdId: string;
  residentId: string;
}
export interface SetHouseholdHeadData {
  householdId: string;
  residentId: string;
}

export type CreateHousehold = Command<'CreateHousehold', CreateHouseholdData>;
export type AddHouseholdMember = Command<'AddHouseholdMember', AddHouseholdMemberData>;
export type RemoveHouseholdMember = Command<'RemoveHouseholdMember', RemoveHouseholdMemberData>;
export type SetHouseholdHead = Command<'SetHouseholdHead', SetHouseholdHeadData>;

export type HouseholdCommand = CreateHousehold | AddHouseholdMember | RemoveHouseholdMember | SetHouseholdHead;

/** The registry events that live on a household stream. */
export type HouseholdEvent = Extract<
  RegistryEvent,
  { type: 'registry.household-created' | 'registry.household-member-added' | 'registry.household-member-removed' | 'registry.household-head-set' }
>;

export interface HouseholdMember {
  residentId: string;
  relation: HouseholdRelation;
}

export type HouseholdState =
  | { status: 'none' }
  | { status: 'created'; householdId: string; stationId: string; compound: string; members: HouseholdMember[]; headId?: string };

type CreatedState = Extract<HouseholdState, { status: 'created' }>;

export const householdDecider: Decider<HouseholdCommand, HouseholdState, HouseholdEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function decide(command: HouseholdCommand, state: HouseholdState): HouseholdEvent[] {
  switch (command.type) {
    case 'CreateHousehold': {
      if (state.status === 'created') {
        throw new DomainError('household-already-exists', 'This household already exists', 409, { householdId: state.householdId });
      }
      const { householdId, stationId, compound } = command.data;
      return [{ type: 'registry.household-created', data: { householdId, stationId, compound } }];
    }
    case 'AddHouseholdMember': {
      const household = requireHousehold(state);
      const { residentId, relation } = command.data;
      const existing = household.members.find((m) => m.residentId === residentId);
      if (existing) {
        throw new DomainError('household-member-already-added', 'The resident is already a member of this household', 409, {
          residentId,
          relation: existing.relation,
        });
      }
      const added: HouseholdEvent = { type: 'registry.household-member-added', data: { householdId: household.householdId, residentId, relation } };
      if (relation !== 'head') return [added];
      if (household.headId) {
        throw new DomainError('household-already-has-head', 'The household already has a head; set the new head explicitly', 409, {
          headId: household.headId,
        });
      }
      return [added, { type: 'registry.household-head-set', data: { householdId: household.householdId, residentId } }];
    }
    case 'RemoveHouseholdMember': {
      const household = requireHousehold(state);
      const { residentId } = command.data;
      if (!isMember(household, residentId)) {
        throw new DomainError('household-member-not-found', 'The resident is not a member of this household', 404, { residentId });
      }
      return [{ type: 'registry.household-member-removed', data: { householdId: household.householdId, residentId } }];
    }
    case 'SetHouseholdHead': {
      const household = requireHousehold(state);
      const { residentId } = command.data;
      if (!isMember(household, residentId)) {
        throw new DomainError('head-must-be-a-member', 'Only a member of the household can be its head', 422, { residentId });
      }
      if (household.headId === residentId) return [];
      return [{ type: 'registry.household-head-set', data: { householdId: household.householdId, residentId } }];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: HouseholdState, event: HouseholdEvent): HouseholdState {
  switch (event.type) {
    case 'registry.household-created':
      return { status: 'created', ...event.data, members: [] };
    case 'registry.household-member-added':
      return withHousehold(state, (h) => ({ ...h, members: [...h.members, { residentId: event.data.residentId, relation: event.data.relation }] }));
    case 'registry.household-member-removed':
      return withHousehold(state, ({ headId, ...h }) => ({
        ...h,
        members: h.members.filter((m) => m.residentId !== event.data.residentId),
        // Removing the head leaves the household headless until a new head is set.
        ...(headId && headId !== event.data.residentId ? { headId } : {}),
      }));
    case 'registry.household-head-set':
      return withHousehold(state, (h) => ({ ...h, headId: event.data.residentId }));
    default:
      return assertNever(event);
  }
}

function requireHousehold(state: HouseholdState): CreatedState {
  if (state.status === 'none') throw new DomainError('household-not-found', 'No household exists on this stream', 404);
  return state;
}

function isMember(household: CreatedState, residentId: string): boolean {
  return household.members.some((m) => m.residentId === residentId);
}

function withHousehold(state: HouseholdState, change: (household: CreatedState) => CreatedState): HouseholdState {
  return state.status === 'created' ? change(state) : state;
}
