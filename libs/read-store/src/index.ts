export * from './read-store.port';
export * from './read-store.errors';
export * from './read-filter';
export * from './read-document';
export * from './embedded';
export * from './mongo';
export * from './versioned-memo';
