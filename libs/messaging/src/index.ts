export * from './port/bus.port';
