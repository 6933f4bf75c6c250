import { Actor } from '@kinship/contracts';
import { EventWritingMetadata } from '@kinship/eventsourcing';

/** Who asks, on behalf of which station, in which request: what every registry command carries in. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  /** The instant the request arrived; the only clock the domain sees. */
  now: string;
}

export function writingMetadata(context: CommandContext, tenantId: string, causationId: string | null = null): EventWritingMetadata {
  return {
    now: context.now,
    actor: context.actor,
    correlationId: context.correlationId,
    tenantId,
    source: 'registry',
    causationId,
  };
}

/** What a successful command answers: the stream's new version and the log position for read-your-writes. */
export interface CommandOutcome {
  streamVersion: number;
  position: number;
}
