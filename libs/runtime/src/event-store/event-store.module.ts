import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandExecutor } from '@ledger/command-path';
import {
  CHECKPOINT_STORE,
  EVENT_STORE,
  type CheckpointStore,
  type EventStore,
} from '@ledger/event-store';
import type { Environment } from '../config/environment';
import { openCheckpointStore, openEventStore } from './open-event-store';
import { sqliteWriterOptions } from '../sqlite/wal-checkpoint-mode';

/**
 * The event log adapter chosen by EVENT_STORE, its checkpoint store, and the command executor
 * built on it.
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): Promise<EventStore> =>
        openEventStore(
          {
            EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
            KURRENTDB_URL: config.get('KURRENTDB_URL', { infer: true }),
            DATA_DIR: config.get('DATA_DIR', { infer: true }),
          },
          sqliteWriterOptions(config.get('SQLITE_WAL_CHECKPOINTS', { infer: true })),
        ),
    },
    {
      // The log's signed checkpoints, beside the log of the same adapter.
      provide: CHECKPOINT_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): Promise<CheckpointStore | null> =>
        openCheckpointStore({
          EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
          KURRENTDB_URL: config.get('KURRENTDB_URL', { infer: true }),
          DATA_DIR: config.get('DATA_DIR', { infer: true }),
        }),
    },
    {
      provide: CommandExecutor,
      inject: [EVENT_STORE, ConfigService],
      useFactory: (store: EventStore, config: ConfigService<Environment, true>) =>
        new CommandExecutor(store, {
          maxAttempts: config.get('COMMAND_MAX_ATTEMPTS', { infer: true }),
          foldedStateCacheSize: config.get('COMMAND_STATE_CACHE_SIZE', { infer: true }),
        }),
    },
  ],
  exports: [EVENT_STORE, CHECKPOINT_STORE, CommandExecutor],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.checkpoints?.close();
    await this.store.close();
  }
}
