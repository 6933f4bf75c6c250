import { EventEnvelope } from '@kinship/contracts';
import { CommandContext } from '@kinship/eventsourcing';

/**
 * The context of a command a reaction runs for an event: the service as a system actor, the event's correlation id,
 * and the event's own time as "now", so a redelivery decides exactly what the first delivery decided.
 */
export function reactionContext(event: EventEnvelope): CommandContext {
  return { actor: { userId: 'brokerage', role: 'system' }, correlationId: event.metadata.correlationId, now: event.occurredAt };
}
