import { join } from 'node:path';
import {
  MongoReadStore,
  SqliteReadStore,
  type ReadStore,
  type SqliteReadStoreOptions,
} from '@ledger/read-store';
import type { Environment } from '../config/environment';

/** The database of MONGODB_URI's path (`mongodb://host/db`), or `delivery_ledger`. */
export function mongoDatabaseOf(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : 'delivery_ledger';
}

/**
 * The read store READ_STORE names: embedded SQLite at DATA_DIR/read.sqlite (the default,
 * durable across restarts) or MongoDB at MONGODB_URI. Shared by the api, apps/projector, `ledger`.
 */
export function openReadStore(
  env: Pick<Environment, 'READ_STORE' | 'MONGODB_URI' | 'DATA_DIR'> &
    Partial<Pick<Environment, 'MONGODB_SERVER_SELECTION_TIMEOUT_MS'>>,
  sqlite: Pick<SqliteReadStoreOptions, 'walAutocheckpointPages'> = {},
): Promise<ReadStore> {
  if (env.READ_STORE === 'mongodb') {
    const uri = env.MONGODB_URI ?? '';
    return MongoReadStore.connect({
      uri,
      database: mongoDatabaseOf(uri),
      clientOptions: {
        serverSelectionTimeoutMS: env.MONGODB_SERVER_SELECTION_TIMEOUT_MS ?? 30_000,
      },
    });
  }
  return SqliteReadStore.open({ ...sqlite, path: sqliteReadStorePath(env) });
}

/** The embedded read store's file, DATA_DIR/read.sqlite. */
export function sqliteReadStorePath(env: Pick<Environment, 'DATA_DIR'>): string {
  return join(env.DATA_DIR, 'read.sqlite');
}
