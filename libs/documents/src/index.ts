export * from './port/document-store.port';
