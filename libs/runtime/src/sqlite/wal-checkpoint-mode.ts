import type { Environment } from '../config/environment';
import { sqliteLogPath } from '../event-store/open-event-store';
import { sqliteReadStorePath } from '../read-store/open-read-store';
import { WRITER_WAL_BOUND_PAGES } from './wal-checkpoint-thread';

/**
 * The writers' `walAutocheckpointPages` under SQLITE_WAL_CHECKPOINTS: with the thread, only a
 * bound for when it falls behind; inline, SQLite's own default.
 */
export function sqliteWriterOptions(mode: Environment['SQLITE_WAL_CHECKPOINTS']): {
  walAutocheckpointPages?: number;
} {
  return mode === 'thread' ? { walAutocheckpointPages: WRITER_WAL_BOUND_PAGES } : {};
}

/** The SQLite files of this process's stores: events.sqlite and read.sqlite on the defaults. */
export function sqliteFilesOf(
  env: Pick<Environment, 'EVENT_STORE' | 'READ_STORE' | 'DATA_DIR'>,
): string[] {
  return [
    ...(env.EVENT_STORE === 'sqlite' ? [sqliteLogPath(env)] : []),
    ...(env.READ_STORE === 'embedded' ? [sqliteReadStorePath(env)] : []),
  ];
}
