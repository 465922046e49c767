export { SqliteReadStore } from './sqlite.read-store';
export type { SqliteReadStoreOptions } from './sqlite.read-store';
