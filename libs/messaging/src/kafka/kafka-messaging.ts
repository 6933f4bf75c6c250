import { ConsumerHandlerRegistry } from '../embedded/consumer-handler-registry';
import { KafkaDeadLetterStore, KafkaDeadLetterStoreOptions } from './kafka-dead-letter-store';
import { KafkaMessageBus, KafkaMessageBusOptions } from './kafka-message-bus';

/** The Kafka bus and the dead-letter store it writes to, wired to each other. */
export interface KafkaMessaging {
  bus: KafkaMessageBus;
  deadLetters: KafkaDeadLetterStore;
  /** Closes the bus, then the dead-letter store. */
  close(): Promise<void>;
}

/** Wires the Kafka bus to a Kafka dead-letter store sharing one handler registry, so dead letters replay through the live consumers. */
export function createKafkaMessaging(
  options: Omit<KafkaMessageBusOptions, 'deadLetters' | 'handlers'> & Pick<KafkaDeadLetterStoreOptions, 'readTimeoutMs' | 'replicationFactor' | 'now'>,
): KafkaMessaging {
  const { readTimeoutMs, replicationFactor, now, ...busOptions } = options;
  const handlers = new ConsumerHandlerRegistry();
  const deadLetters = new KafkaDeadLetterStore({
    kafka: options.kafka,
    handlers,
    readTimeoutMs,
    replicationFactor,
    now,
    logger: options.logger,
    upcasters: options.upcasters,
  });
  const bus = new KafkaMessageBus({ ...busOptions, deadLetters, handlers });
  return {
    bus,
    deadLetters,
    async close() {
      await bus.close();
      await deadLetters.close();
    },
  };
}
