export * from './port/bus.port';
export * from './port/bus.errors';
export * from './port/bus.observer';
export * from './embedded/consumer-handler-registry';
export * from './embedded/embedded-message-bus';
export * from './embedded/sqlite-dead-letter-store';
export * from './embedded/embedded-messaging';
export * from './kafka';
