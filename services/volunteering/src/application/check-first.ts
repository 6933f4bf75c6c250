import { CommandContext, Decider } from '@kinship/eventsourcing';

type WithoutMetadata<C> = C extends { metadata: unknown } ? Omit<C, 'metadata'> : never;

/**
 * Decides a command on a state without appending anything, so a handler that must write elsewhere first (a
 * resident's link, a new encryption key) learns of a domain error before it writes there.
 */
export function checkFirst<C extends { metadata: unknown }, S, E>(
  decider: Decider<C, S, E>,
  state: S,
  command: WithoutMetadata<C>,
  context: CommandContext,
  tenantId: string,
): void {
  const metadata = { now: context.now, actor: context.actor, correlationId: context.correlationId, tenantId };
  decider.decide({ ...command, metadata } as unknown as C, state);
}
