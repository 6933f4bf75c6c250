export * from './keys/master-key';
export * from './keys/key-store.port';
export * from './keys/sqlite-key-store';
export * from './cipher/personal-data-cipher';
export * from './blind-index/keyed-hasher';
export * from './id-number/resident-id-number';
export * from './masking/masking';
export * from './keys/lru-cache';
