import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ProjectionEngine } from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import type { Environment } from '../config/environment';
import { openReadStore } from './open-read-store';
import { sqliteWriterOptions } from '../sqlite/wal-checkpoint-mode';
import {
  CheckpointReadProgress,
  InProcessReadProgress,
  READ_PROGRESS,
  type ReadProgress,
} from './read-progress';

/**
 * The read store chosen by READ_STORE (embedded SQLite at DATA_DIR/read.sqlite by default,
 * MongoDB with MONGODB_URI), closed last on shutdown, and how far the read models got: from the
 * in-process engine when this process runs one (ProjectorModule), else from the checkpoints
 * apps/projector saves. Shared by the api and apps/projector.
 */
@Global()
@Module({
  providers: [
    {
      provide: READ_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): Promise<ReadStore> =>
        openReadStore(
          {
            READ_STORE: config.get('READ_STORE', { infer: true }),
            MONGODB_URI: config.get('MONGODB_URI', { infer: true }),
            DATA_DIR: config.get('DATA_DIR', { infer: true }),
            MONGODB_SERVER_SELECTION_TIMEOUT_MS: config.get('MONGODB_SERVER_SELECTION_TIMEOUT_MS', {
              infer: true,
            }),
          },
          sqliteWriterOptions(config.get('SQLITE_WAL_CHECKPOINTS', { infer: true })),
        ),
    },
    {
      provide: READ_PROGRESS,
      inject: [READ_STORE, { token: ProjectionEngine, optional: true }],
      useFactory: (readStore: ReadStore, engine?: ProjectionEngine): ReadProgress =>
        engine ? new InProcessReadProgress(engine) : new CheckpointReadProgress(readStore),
    },
  ],
  exports: [READ_STORE, READ_PROGRESS],
})
export class ReadStoreModule implements OnApplicationShutdown {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  /** After every beforeApplicationShutdown hook, so after the engine stopped writing. */
  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
  }
}
