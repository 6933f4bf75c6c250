export * from './port/document-store.port';
export * from './sqlite/sqlite-document-store';
