import type { LogCheckpointer } from '@ledger/audit';

/**
 * The log checkpointer a process runs (ProjectorModule): a LogCheckpointer in the process's own
 * thread, or a LogCheckpointerThread in a thread of its own. Both start, stop and fail the same.
 */
export type RunningLogCheckpointer = Pick<LogCheckpointer, 'failed' | 'start' | 'stop'>;

/** Its injection token; the provider is null where the log has no checkpoint store. */
export const LOG_CHECKPOINTER = Symbol('LOG_CHECKPOINTER');
