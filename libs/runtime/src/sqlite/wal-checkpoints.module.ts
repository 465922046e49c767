import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE } from '@ledger/event-store';
import { READ_STORE } from '@ledger/read-store';
import type { Environment } from '../config/environment';
import type { ComponentHealth } from '../health/health-report';
import { sqliteFilesOf } from './wal-checkpoint-mode';
import { WalCheckpointThread, WRITER_WAL_BOUND_PAGES } from './wal-checkpoint-thread';

const FALLBACK = `writers checkpoint themselves from ${WRITER_WAL_BOUND_PAGES} WAL pages meanwhile`;

/**
 * Runs WalCheckpointThread over this process's SQLite files when SQLITE_WAL_CHECKPOINTS=thread
 * (the default) and there are any. It starts once the stores have opened (made) their files and
 * stops at shutdown. A thread that cannot start, or ends, is logged and shown on /health as
 * `degraded`, never fatal: the writers still checkpoint themselves at WRITER_WAL_BOUND_PAGES, and
 * a thread that ended is started again.
 */
@Injectable()
export class WalCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WalCheckpoints');
  private thread: WalCheckpointThread | undefined;
  private files: readonly string[] = [];
  private startFailure: string | undefined;

  constructor(
    private readonly config: ConfigService<Environment, true>,
    // Injected so that both stores (and their files) exist before the thread opens them.
    @Inject(EVENT_STORE) _eventStore: unknown,
    @Inject(READ_STORE) _readStore: unknown,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('SQLITE_WAL_CHECKPOINTS', { infer: true }) !== 'thread') return;
    this.files = sqliteFilesOf({
      EVENT_STORE: this.config.get('EVENT_STORE', { infer: true }),
      READ_STORE: this.config.get('READ_STORE', { infer: true }),
      DATA_DIR: this.config.get('DATA_DIR', { infer: true }),
    });
    if (this.files.length === 0) return;
    const thread = new WalCheckpointThread({
      files: this.files,
      onFailure: (file, message) => this.logger.warn(`checkpoint of ${file} failed: ${message}`),
      onExit: (reason, restartInMs) =>
        this.logger.error(
          `the WAL checkpoint thread ended (${reason}); starting it again in ${restartInMs} ms, ${FALLBACK}`,
        ),
    });
    try {
      await thread.start();
      this.thread = thread;
    } catch (error) {
      this.startFailure = (error as Error).message;
      this.logger.error(`${this.startFailure}; ${FALLBACK}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.thread?.stop();
  }

  /** /health's `walCheckpoints`, where this process checkpoints from a thread; else undefined. */
  health(): ComponentHealth | undefined {
    if (this.startFailure !== undefined)
      return { status: 'degraded', message: `${this.startFailure}; ${FALLBACK}` };
    if (this.thread === undefined) return undefined;
    const stats = this.thread.stats();
    const figures = {
      files: this.files.length,
      checkpoints: Object.values(stats.checkpoints).reduce((sum, count) => sum + count, 0),
      failures: stats.failures,
      restarts: stats.restarts,
    };
    if (stats.state === 'restarting')
      return {
        status: 'degraded',
        message: `the WAL checkpoint thread ended (${stats.lastExit ?? 'unknown'}); restarting, ${FALLBACK}`,
        ...figures,
      };
    return { status: 'up', ...figures };
  }
}

@Global()
@Module({ providers: [WalCheckpoints], exports: [WalCheckpoints] })
export class WalCheckpointsModule {}
