import type { Database } from 'better-sqlite3';
import { ConsumerHandlerRegistry } from './consumer-handler-registry';
import { EmbeddedMessageBus, EmbeddedMessageBusOptions } from './embedded-message-bus';
import { SqliteDeadLetterStore } from './sqlite-dead-letter-store';

/** The embedded bus and the dead letters it writes, wired to each other. */
export interface EmbeddedMessaging {
  bus: EmbeddedMessageBus;
  deadLetters: SqliteDeadLetterStore;
}

/**
 * Wires the embedded bus to a dead-letter store in `database` (the event store's SQLite file), sharing
 * one handler registry so dead letters replay through the live consumers.
 */
export function createEmbeddedMessaging(
  options: Omit<EmbeddedMessageBusOptions, 'deadLetters' | 'handlers'> & { database: Database },
): EmbeddedMessaging {
  const { database, ...busOptions } = options;
  const handlers = new ConsumerHandlerRegistry();
  const deadLetters = new SqliteDeadLetterStore(database, handlers);
  const bus = new EmbeddedMessageBus({ ...busOptions, deadLetters, handlers });
  return { bus, deadLetters };
}
