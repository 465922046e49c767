import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { EventStore } from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import type { Environment } from '../config/environment';
import {
  KurrentDbPublicEventsWriter,
  type KurrentDbPublicEventsWriterOptions,
} from './kurrentdb-public-events-writer';

export type PublicEventsWriterSettings = Pick<Environment, 'EVENT_STORE' | 'KURRENTDB_URL'>;

/**
 * Whether the writer process runs the `public-events` writer, and against which server: only on
 * KurrentDB (EVENT_STORE=kurrentdb), where consumers can subscribe to the store itself; on the
 * embedded SQLite log there is no server to write to (the feed and webhooks serve the contract).
 */
export function publicEventsWriterFor(
  settings: PublicEventsWriterSettings,
  stores: { readonly eventStore: EventStore; readonly readStore: ReadStore },
  options: Pick<KurrentDbPublicEventsWriterOptions, 'onRetry' | 'onFailure' | 'retry'> = {},
): KurrentDbPublicEventsWriter | null {
  if (settings.EVENT_STORE !== 'kurrentdb') return null;
  if (!settings.KURRENTDB_URL)
    throw new Error('KURRENTDB_URL is required when EVENT_STORE=kurrentdb');
  return new KurrentDbPublicEventsWriter({
    eventStore: stores.eventStore,
    client: KurrentDBClient.connectionString(settings.KURRENTDB_URL),
    checkpoints: stores.readStore,
    ...options,
  });
}
