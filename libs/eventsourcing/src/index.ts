export * from './port/event-store.port';
export * from './decider/decider';
