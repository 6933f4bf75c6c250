export * from './port/event-store.port';
export * from './decider/decider';
export * from './ids/uuidv7';
export * from './sqlite/sqlite-event-store';
export * from './command/handle-command';
export * from './subscription/catch-up-subscription';
export * from './command/stream-commands';
export * from './postgres/postgres-event-store';
