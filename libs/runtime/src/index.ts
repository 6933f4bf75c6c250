export * from './runtime-config';
export * from './infrastructure';
export * from './infrastructure.module';
export * from './run-service';
export * from './main-of';
