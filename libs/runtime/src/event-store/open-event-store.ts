import { join } from 'node:path';
import { KurrentDbEventStore, SqliteEventStore, type EventStore } from '@ledger/event-store';
import type { Environment } from '../config/environment';

/** The event log adapter EVENT_STORE names (the api, apps/projector and `ledger` share this). */
export async function openEventStore(
  env: Pick<Environment, 'EVENT_STORE' | 'KURRENTDB_URL' | 'DATA_DIR'>,
): Promise<EventStore> {
  if (env.EVENT_STORE === 'kurrentdb') return KurrentDbEventStore.connect(env.KURRENTDB_URL ?? '');
  return SqliteEventStore.open({ path: join(env.DATA_DIR, 'events.sqlite') });
}
