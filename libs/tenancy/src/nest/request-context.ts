import { AsyncLocalStorage } from 'node:async_hooks';
import { Principal } from '../auth/principal';

/** What every piece of code running for one request (or one consumed message) may want to know. */
export interface RequestContextData {
  /** Null on public routes and in system work such as consumers and process managers. */
  principal: Principal | null;
  correlationId: string;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/** The ambient context of the current request, carried across awaits by AsyncLocalStorage. */
export const RequestContext = {
  /** The context of the running request, or undefined outside one. */
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  /** Runs `fn` (and everything it awaits) inside the given context; consumers use it per message. */
  run<T>(context: RequestContextData, fn: () => T): T {
    return storage.run(Object.freeze({ ...context }), fn);
  },
};
