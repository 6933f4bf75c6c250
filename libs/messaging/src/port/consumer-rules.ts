import { ConsumerSpec } from './bus.port';

/** What every bus adapter checks of a subscription before starting it; returns the attempts before a dead letter. */
export function checkConsumerSpec(spec: ConsumerSpec, busClosed: boolean): number {
  if (busClosed) throw new Error(`The bus is closed; consumer group ${spec.group} cannot subscribe`);
  if (spec.categories.length === 0) throw new RangeError(`Consumer group ${spec.group} must name at least one category`);
  const maxAttempts = spec.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  return maxAttempts;
}

/** The wait before retry `attempt` (1-based): doubling from `baseMs`, capped at `maxMs`. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), maxMs);
}

/** Waits `ms`, or less when `stopping` aborts: a consumer that is stopped does not sit out a backoff. */
export function pause(ms: number, stopping: AbortSignal): Promise<void> {
  if (stopping.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stopping.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stopping.addEventListener('abort', done);
  });
}

export function positive(name: string, value: number): number {
  if (!(value > 0)) throw new RangeError(`${name} must be positive, got ${value}`);
  return value;
}

export function nonNegative(name: string, value: number): number {
  if (!(value >= 0)) throw new RangeError(`${name} must not be negative, got ${value}`);
  return value;
}
