import { join } from 'node:path';
import { EVENT_SCHEMAS } from '@ledger/command-path';
import { KurrentDbCheckpointStore, KurrentDbEventStore } from '@ledger/event-store-kurrentdb';
import {
  SqliteCheckpointStore,
  SqliteEventStore,
  type SqliteEventStoreOptions,
  upcasting,
  type CheckpointStore,
  type EventStore,
} from '@ledger/event-store';
import type { Environment } from '../config/environment';

/**
 * The event log adapter EVENT_STORE names (the api, apps/projector and `ledger` share this),
 * answering every read in the current event shapes (upcast on read, once: P6). Verification
 * and export read the stored events through `storedEvents(store)`.
 */
export async function openEventStore(
  env: Pick<Environment, 'EVENT_STORE' | 'KURRENTDB_URL' | 'DATA_DIR'>,
  sqlite: Pick<SqliteEventStoreOptions, 'walAutocheckpointPages'> = {},
): Promise<EventStore> {
  const stored =
    env.EVENT_STORE === 'kurrentdb'
      ? KurrentDbEventStore.connect(env.KURRENTDB_URL ?? '')
      : await SqliteEventStore.open({ ...sqlite, path: sqliteLogPath(env) });
  return upcasting(stored, EVENT_SCHEMAS);
}

/**
 * Where the log's signed checkpoints live, beside the log the same EVENT_STORE names: on the
 * embedded default the `checkpoints` table of the same events.sqlite; on KurrentDB the dedicated
 * `ledger.checkpoints` stream, which the event store's reads leave out of the log.
 */
export async function openCheckpointStore(
  env: Pick<Environment, 'EVENT_STORE' | 'KURRENTDB_URL' | 'DATA_DIR'>,
): Promise<CheckpointStore> {
  if (env.EVENT_STORE === 'kurrentdb')
    return KurrentDbCheckpointStore.connect(env.KURRENTDB_URL ?? '');
  return SqliteCheckpointStore.open({ path: sqliteLogPath(env) });
}

/** The embedded default's log file, DATA_DIR/events.sqlite (its checkpoints and tiles live in it too). */
export function sqliteLogPath(env: Pick<Environment, 'DATA_DIR'>): string {
  return join(env.DATA_DIR, 'events.sqlite');
}
