export * from './topics';
export * from './records';
export * from './topic-provisioner';
export * from './outbox-relay';
export * from './kafka-message-bus';
export * from './kafka-dead-letter-store';
export * from './kafka-messaging';
export * from './kafka-log-head';
