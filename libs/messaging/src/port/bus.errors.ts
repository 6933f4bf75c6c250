/** A consumer's `waitFor` did not see its position handled in time. */
export class WaitForTimeoutError extends Error {
  override readonly name = 'WaitForTimeoutError';
  constructor(
    readonly group: string,
    readonly position: number,
    readonly reachedPosition: number,
    readonly timeoutMs: number,
  ) {
    super(`Consumer group ${group} reached position ${reachedPosition}, not ${position}, within ${timeoutMs} ms`);
  }
}

/** The consumer was stopped while someone was still waiting on it. */
export class ConsumerStoppedError extends Error {
  override readonly name = 'ConsumerStoppedError';
  constructor(readonly group: string) {
    super(`Consumer group ${group} was stopped`);
  }
}

/** A group may have one live consumer per bus: two would handle every event twice. */
export class ConsumerGroupAlreadyActiveError extends Error {
  override readonly name = 'ConsumerGroupAlreadyActiveError';
  constructor(readonly group: string) {
    super(`Consumer group ${group} already has a live consumer on this bus`);
  }
}

/** A dead letter can only be replayed through its group's live handler. */
export class NoLiveConsumerError extends Error {
  override readonly name = 'NoLiveConsumerError';
  constructor(readonly group: string) {
    super(`Consumer group ${group} has no live consumer to replay to`);
  }
}

/** No dead letter has this id. */
export class DeadLetterNotFoundError extends Error {
  override readonly name = 'DeadLetterNotFoundError';
  constructor(readonly id: string) {
    super(`No dead letter ${id}`);
  }
}

/** A dead letter is replayed at most once; its handler already succeeded. */
export class DeadLetterAlreadyReplayedError extends Error {
  override readonly name = 'DeadLetterAlreadyReplayedError';
  constructor(
    readonly id: string,
    readonly replayedAt: string,
  ) {
    super(`Dead letter ${id} was already replayed at ${replayedAt}`);
  }
}

/** The handler failed again on replay; the dead letter stays listed with the new error. */
export class DeadLetterReplayFailedError extends Error {
  override readonly name = 'DeadLetterReplayFailedError';
  constructor(
    readonly id: string,
    readonly group: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`Replaying dead letter ${id} to ${group} failed: ${errorMessage(cause)}`, { cause });
  }
}

/** The message of anything thrown, for logs and dead letters. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
}
