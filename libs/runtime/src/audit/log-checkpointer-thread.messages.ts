import type { CheckpointerRetry, LogCheckpointerOptions, TileBackfillResult } from '@ledger/audit';
import type { StoredCheckpoint } from '@ledger/event-store';
import type { StartMessage, StopMessage } from '../threads/hosted-worker';

/** What a LogCheckpointerThread gives its thread at start (structured-cloned; a KeyObject clones). */
export interface LogCheckpointerThreadData extends Pick<
  LogCheckpointerOptions,
  'signingKey' | 'everyEvents' | 'everySeconds' | 'gatherMs'
> {
  /** The SQLite event log's file: the thread opens its own connections to it. */
  readonly path: string;
  /** How often the thread looks for commits (none reach it otherwise: they are another thread's). */
  readonly pollIntervalMs: number;
}

/** From the host to the thread. */
export type ToCheckpointerThread = StopMessage;

/** From the thread to the host. */
export type FromCheckpointerThread =
  | StartMessage
  | { readonly kind: 'checkpoint'; readonly checkpoint: StoredCheckpoint }
  | { readonly kind: 'tile-backfill'; readonly result: TileBackfillResult }
  | ({ readonly kind: 'retry' } & CheckpointerRetry)
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'stopped' };
