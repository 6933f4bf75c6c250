import { EventEnvelope } from '@kinship/contracts';

/** A reaction of the brokerage to events: its consumer group, the categories it follows, and its idempotent handler. */
export interface Reaction {
  readonly group: string;
  readonly categories: readonly string[];
  handle(event: EventEnvelope): Promise<void>;
}
