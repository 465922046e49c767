export * from './expected-revision';
export * from './event-envelope';
export * from './event-store.errors';
export * from './event-store.port';
export * from './canonical-json';
export * from './hash-chain';
export * from './sqlite';
export * from './kurrentdb';
