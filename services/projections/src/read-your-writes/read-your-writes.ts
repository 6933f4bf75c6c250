import { Inject, Injectable } from '@nestjs/common';
import { HeadPositionSource, ProjectionRunner } from '../projection/projection-runner';
import { EVENT_STORE, PROJECTIONS_OPTIONS } from '../projections.tokens';

export { AfterPositionQuery } from '../projection/page-query.request.dto';

/** How long a query waits for a read model when the options do not say (DESIGN §4: bounded). */
export const DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS = 5000;

/** A read-your-writes position no command can have returned: it lies beyond the end of the log (400). */
export class PositionBeyondHeadError extends Error {
  constructor(
    readonly position: number,
    readonly headPosition: number,
  ) {
    super(`afterPosition ${position} is beyond the end of the log (${headPosition})`);
  }
}

/**
 * Whether the head source is the store that hands out the positions commands return (the embedded event store),
 * so that a position beyond its head cannot come from any command. A head that follows the log from afar (the
 * source stores' head as Kafka carries it) misses what still sits in a service's outbox: a position a command has
 * just returned may lie beyond it for a moment, so such a head only ever makes a query wait.
 */
export function issuesPositions(head: HeadPositionSource): boolean {
  return typeof (head as { append?: unknown }).append === 'function';
}

/**
 * Read-your-writes for a query that reads one or several read models: a position beyond the head of the log is
 * rejected at once (`PositionBeyondHeadError`) when the head source can tell, otherwise the query waits for each
 * read model to reach it, with the timeout of the module's options, and a projection that stays behind rejects with
 * `ProjectionBehindError` (504 `projection-behind`). Positions compare within one event store, which is what the
 * embedded platform has.
 */
@Injectable()
export class ReadYourWrites {
  private readonly timeoutMs: number;

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly head: HeadPositionSource,
    @Inject(PROJECTIONS_OPTIONS) options: { readYourWritesTimeoutMs?: number },
  ) {
    this.timeoutMs = options.readYourWritesTimeoutMs ?? DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS;
  }

  async after(afterPosition: number | undefined, ...projections: string[]): Promise<void> {
    if (afterPosition === undefined) return;
    if (issuesPositions(this.head)) {
      const head = await this.head.headPosition();
      if (afterPosition > head) throw new PositionBeyondHeadError(afterPosition, head);
    }
    await Promise.all(projections.map((projection) => this.runner.waitFor(projection, afterPosition, this.timeoutMs)));
  }
}
