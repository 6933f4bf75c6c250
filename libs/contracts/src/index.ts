export * from './envelope/envelope';
export * from './envelope/catalogue';
export * from './registry/registry.events';
export * from './cases/cases.events';
export * from './volunteering/volunteering.events';
export * from './brokerage/brokerage.events';
export * from './topology';
export * from './district/district-indicators';
