import { Inject, Injectable } from '@nestjs/common';
import { ProjectionRunner } from '../projection/projection-runner';
import { PROJECTIONS_OPTIONS } from '../projections.tokens';

export { AfterPositionQuery } from '../projection/page-query.request.dto';

/** How long a query waits for a read model when the options do not say (DESIGN §4: bounded). */
export const DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS = 5000;

/**
 * Answers only once the read model reflects `afterPosition`, a position a command returned; a projection that stays
 * behind rejects with `ProjectionBehindError` (504 `projection-behind`) after `timeoutMs`.
 */
export async function caughtUp(runner: ProjectionRunner, projection: string, afterPosition: number | undefined, timeoutMs: number): Promise<void> {
  if (afterPosition !== undefined) await runner.waitFor(projection, afterPosition, timeoutMs);
}

/**
 * Read-your-writes for a query that reads one or several read models: waits for each of them, with the timeout of
 * the module's options. Positions compare within one event store, which is what the embedded platform has.
 */
@Injectable()
export class ReadYourWrites {
  private readonly timeoutMs: number;

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(PROJECTIONS_OPTIONS) options: { readYourWritesTimeoutMs?: number },
  ) {
    this.timeoutMs = options.readYourWritesTimeoutMs ?? DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS;
  }

  async after(afterPosition: number | undefined, ...projections: string[]): Promise<void> {
    if (afterPosition === undefined) return;
    await Promise.all(projections.map((projection) => caughtUp(this.runner, projection, afterPosition, this.timeoutMs)));
  }
}
