export * from './logging/correlation';
export * from './logging/logger';
export * from './logging/nest-logger';
export * from './metrics/metrics';
export * from './health/health';
