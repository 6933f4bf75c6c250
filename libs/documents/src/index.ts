export * from './port/document-store.port';
export * from './sqlite/sqlite-document-store';
export * from './mongodb/mongo-document-store';
