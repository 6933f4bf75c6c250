import {
  EventEnvelope,
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  ResidentMovedOut,
  ResidentPersonalDataErased,
  ResidentRegistered,
  ResidentReturned,
  ResidentTransferredIn,
  ResidentTransferredOut,
} from '@kinship/contracts';
import { CommandContext } from '@kinship/eventsourcing';
import { MessageBus } from '@kinship/messaging';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { HouseholdMembership } from '../application/household-membership';
import { UUID } from '../shared/request-types.dto';
import { MESSAGE_BUS } from '../application/registry.tokens';
import { RegistryReaction } from './registry-reaction';

/** What every registry event that arrives somewhere names, whatever its version: enough to find the household. */
const arrival = ResidentRegistered.schema.pick({ residentId: true, stationId: true, householdId: true });

/**
 * The registry's own reaction that keeps households and their members' records in step (ADR 0012). The handlers
 * already run each step right after the event that calls for it; this reaction runs them again from the log, so a
 * step lost to a crash is completed and an arrival recorded without a handler of its own (a registration naming a
 * household) takes the resident into the household. The steps' event ids derive from the causing event: a step
 * already done appends nothing.
 */
@Injectable()
export class HouseholdMembershipReaction extends RegistryReaction {
  static readonly GROUP = 'registry.household-membership';

  constructor(
    private readonly membership: HouseholdMembership,
    // Without a bus the handlers still keep both sides in step; only the catch-up after a crash is missing.
    @Optional() @Inject(MESSAGE_BUS) bus: MessageBus | null,
  ) {
    super(bus, { group: HouseholdMembershipReaction.GROUP, categories: ['resident', 'household'] });
  }

  async handle(event: EventEnvelope): Promise<void> {
    const context: CommandContext = { actor: { userId: 'registry', role: 'system' }, correlationId: event.metadata.correlationId, now: event.occurredAt };
    const cause = (residentId: string, stationId: string) => ({ id: event.id, residentId, stationId });
    switch (event.type) {
      case HouseholdMemberAdded.type:
      case HouseholdMemberRemoved.type: {
        const { householdId, residentId } = HouseholdMemberAdded.schema.pick({ householdId: true, residentId: true }).parse(event.data);
        if (!UUID.test(residentId) || !UUID.test(householdId)) return;
        const member = { ...cause(residentId, event.tenantId), householdId };
        await (event.type === HouseholdMemberAdded.type ? this.membership.memberAdded(member, context) : this.membership.memberRemoved(member, context));
        return;
      }
      case ResidentRegistered.type:
      case ResidentTransferredIn.type:
      case ResidentReturned.type: {
        const { residentId, stationId, householdId } = arrival.parse(event.data);
        if (!UUID.test(residentId) || (householdId !== undefined && !UUID.test(householdId))) return;
        await this.membership.residentArrived({ ...cause(residentId, stationId), householdId }, context);
        return;
      }
      case ResidentMovedOut.type:
      case ResidentTransferredOut.type:
      case ResidentPersonalDataErased.type: {
        const { residentId } = ResidentMovedOut.schema.pick({ residentId: true }).parse(event.data);
        if (!UUID.test(residentId)) return;
        await this.membership.residentDeparted(cause(residentId, event.tenantId), context);
        return;
      }
      default:
        return;
    }
  }
}
