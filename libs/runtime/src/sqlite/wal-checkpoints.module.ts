import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE } from '@ledger/event-store';
import { READ_STORE } from '@ledger/read-store';
import type { Environment } from '../config/environment';
import { sqliteFilesOf } from './wal-checkpoint-mode';
import { WalCheckpointThread, WRITER_WAL_BOUND_PAGES } from './wal-checkpoint-thread';

/**
 * Runs WalCheckpointThread over this process's SQLite files when SQLITE_WAL_CHECKPOINTS=thread
 * (the default) and there are any. It starts once the stores have opened (made) their files and
 * stops at shutdown. A thread that cannot start or ends is logged, not fatal: the writers still
 * checkpoint themselves at WRITER_WAL_BOUND_PAGES.
 */
@Module({})
export class WalCheckpointsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WalCheckpoints');
  private thread: WalCheckpointThread | undefined;

  constructor(
    private readonly config: ConfigService<Environment, true>,
    // Injected so that both stores (and their files) exist before the thread opens them.
    @Inject(EVENT_STORE) _eventStore: unknown,
    @Inject(READ_STORE) _readStore: unknown,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('SQLITE_WAL_CHECKPOINTS', { infer: true }) !== 'thread') return;
    const files = sqliteFilesOf({
      EVENT_STORE: this.config.get('EVENT_STORE', { infer: true }),
      READ_STORE: this.config.get('READ_STORE', { infer: true }),
      DATA_DIR: this.config.get('DATA_DIR', { infer: true }),
    });
    if (files.length === 0) return;
    const thread = new WalCheckpointThread({
      files,
      onFailure: (file, message) => this.logger.warn(`checkpoint of ${file} failed: ${message}`),
      onExit: (reason) =>
        this.logger.error(
          `the WAL checkpoint thread ended (${reason}); writers checkpoint themselves from ${WRITER_WAL_BOUND_PAGES} pages`,
        ),
    });
    try {
      await thread.start();
      this.thread = thread;
    } catch (error) {
      this.logger.error(
        `${(error as Error).message}; writers checkpoint themselves from ${WRITER_WAL_BOUND_PAGES} pages`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.thread?.stop();
  }
}
