import { EventEnvelope } from '@kinship/contracts';
import { CommandContext, deterministicUuid, DomainError } from '@kinship/eventsourcing';

/** The actor of every command volunteering runs on its own, in reaction to an event. */
export const VOLUNTEERING_SYSTEM = { userId: 'volunteering', role: 'system' } as const;

/**
 * The context of a command caused by `event`. Its clock is the event's time, so a redelivery, or a replay long
 * after, decides exactly as the first delivery did.
 */
export function reactionContext(event: EventEnvelope): CommandContext {
  return { actor: VOLUNTEERING_SYSTEM, correlationId: event.metadata.correlationId, now: event.occurredAt };
}

/**
 * Ids for the events a reaction appends to `target`, derived from the causing event: a redelivery appends the
 * same ids again, which the store recognises as already handled.
 */
export function reactionEventIds(namespace: string, event: EventEnvelope, target: string, count = 3): string[] {
  return Array.from({ length: count }, (_, index) => deterministicUuid(namespace, `${event.id}/${target}/${index}`));
}

export interface ReactionLogger {
  warn(message: string, context: Record<string, unknown>): void;
}

/**
 * Runs a reaction's command. A domain rule refusing it (the hours were already logged, the volunteer has left)
 * means there is nothing to do, not a failure to retry or dead-letter; anything else is thrown to the bus.
 */
export async function unlessRefused(run: () => Promise<unknown>, logger: ReactionLogger, event: EventEnvelope): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    logger.warn('reaction refused by a domain rule', { eventId: event.id, eventType: event.type, code: error.code });
  }
}
