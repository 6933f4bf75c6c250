interface Waiter {
  position: number;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Callers waiting until something (a subscription, a relay, a consumer) has got as far as a log position: the
 * `waitFor(position, timeoutMs)` every follower of the log offers for read-your-writes.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  get size(): number {
    return this.waiters.size;
  }

  /** Resolves when `release` reaches `position`; rejects with `onTimeout()` after `timeoutMs`, or on `rejectAll`. */
  wait(position: number, timeoutMs: number, onTimeout: () => Error): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(onTimeout());
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Resolves every waiter at or below `reached`. */
  release(reached: number): void {
    for (const waiter of this.waiters) {
      if (waiter.position <= reached) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  rejectAll(error: Error): void {
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters.clear();
  }
}
