export * from './envelope/envelope';
export * from './envelope/catalogue';
export * from './registry/registry.events';
