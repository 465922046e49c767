import type { StartMessage, StopMessage } from '../threads/hosted-worker';

/** What WalCheckpointThread hands its worker at start. */
export interface WalCheckpointThreadData {
  /** The SQLite files (in WAL mode, already created by their owners) to checkpoint. */
  readonly files: readonly string[];
  /** How often each file's WAL is checkpointed. */
  readonly intervalMs: number;
}

export type ToWalCheckpointThread = StopMessage;

export type FromWalCheckpointThread =
  | StartMessage
  /** A checkpoint that copied frames into `file` (counted by the host, shown on /health). */
  | { readonly kind: 'checkpointed'; readonly file: string }
  | { readonly kind: 'checkpoint-failed'; readonly file: string; readonly message: string }
  | { readonly kind: 'stopped' };
