import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The header a caller may set to tie its request to its own logs; every response echoes it. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

// A caller-chosen id lands in every log line and response header, so only a short, plain token is
// accepted: anything else could forge log fields or smuggle personal data into the logs.
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const storage = new AsyncLocalStorage<{ correlationId: string }>();

/** The caller's correlation id when it is an acceptable token, otherwise a fresh random UUID. */
export function correlationIdFrom(headerValue: string | string[] | undefined): string {
  const candidate = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  return candidate !== undefined && ACCEPTABLE_CORRELATION_ID.test(candidate) ? candidate : randomUUID();
}

/** Runs `fn` so that `currentCorrelationId()` answers `correlationId` anywhere in its async flow. */
export function runWithCorrelationId<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/** The correlation id of the request or message being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
