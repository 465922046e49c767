export { SqliteEventStore } from './sqlite.event-store';
export type { SqliteEventStoreOptions, SqliteEventStoreStats } from './sqlite.event-store';
export { SqliteCheckpointStore } from './sqlite.checkpoint-store';
export type { SqliteCheckpointStoreOptions } from './sqlite.checkpoint-store';
// The schema itself, for tools that measure or inspect the log beside the adapter (bench/).
export { migrate as migrateSqliteEventLog } from './sqlite.schema';
