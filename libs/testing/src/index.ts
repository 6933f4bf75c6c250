export {};
export * from './conformance/event-store.conformance';
export * from './given-when-then';
export * from './conformance/message-bus.conformance';
export * from './conformance/document-store.conformance';
export * from './infra/engines';
export * from './service-test-app';
