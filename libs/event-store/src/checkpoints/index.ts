export * from './checkpoint-store.port';
export * from './tree-tiles.port';
