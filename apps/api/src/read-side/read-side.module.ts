import { join } from 'node:path';
import {
  Global,
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { ProjectionEngine, READ_MODELS } from '@ledger/projections';
import { MongoReadStore, READ_STORE, SqliteReadStore, type ReadStore } from '@ledger/read-store';
import type { Environment } from '../config/environment';
import { CssqHistoryController } from './cssq-history.controller';
import { ProjectSummariesController } from './project-summaries.controller';
import {
  CheckpointReadProgress,
  InProcessReadProgress,
  READ_PROGRESS,
  type ReadProgress,
} from './read-progress';
import { ReadPositions } from './read-positions.service';

/** The database of MONGODB_URI's path (`mongodb://host/db`), or `delivery_ledger`. */
export function mongoDatabaseOf(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : 'delivery_ledger';
}

/** The in-process engine, or null when PROJECTOR=external (apps/projector writes). */
export const IN_PROCESS_ENGINE = Symbol('InProcessProjectionEngine');

/**
 * The read side inside `api`: the read store chosen by READ_STORE (embedded SQLite at
 * DATA_DIR/read.sqlite by default, MongoDB with MONGODB_URI) and, unless PROJECTOR=external,
 * the projection engine over every read model, run in-process from application bootstrap until
 * shutdown (stopped before the stores close).
 */
@Global()
@Module({
  controllers: [ProjectSummariesController, CssqHistoryController],
  providers: [
    {
      provide: READ_STORE,
      inject: [ConfigService],
      useFactory: async (config: ConfigService<Environment, true>): Promise<ReadStore> => {
        if (config.get('READ_STORE', { infer: true }) === 'mongodb') {
          const uri = config.get('MONGODB_URI', { infer: true }) ?? '';
          return MongoReadStore.connect({ uri, database: mongoDatabaseOf(uri) });
        }
        return SqliteReadStore.open({
          path: join(config.get('DATA_DIR', { infer: true }), 'read.sqlite'),
        });
      },
    },
    {
      provide: IN_PROCESS_ENGINE,
      inject: [EVENT_STORE, READ_STORE, ConfigService],
      useFactory: (
        eventStore: EventStore,
        readStore: ReadStore,
        config: ConfigService<Environment, true>,
      ): ProjectionEngine | null =>
        config.get('PROJECTOR', { infer: true }) === 'external'
          ? null
          : new ProjectionEngine({ eventStore, readStore, projections: READ_MODELS }),
    },
    {
      provide: READ_PROGRESS,
      inject: [IN_PROCESS_ENGINE, READ_STORE],
      useFactory: (engine: ProjectionEngine | null, readStore: ReadStore): ReadProgress =>
        engine ? new InProcessReadProgress(engine) : new CheckpointReadProgress(readStore),
    },
    ReadPositions,
  ],
  exports: [READ_STORE, READ_PROGRESS, ReadPositions],
})
export class ReadSideModule
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('ReadSide');

  constructor(
    @Inject(IN_PROCESS_ENGINE) private readonly engine: ProjectionEngine | null,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.engine) {
      this.logger.log('PROJECTOR=external: read models are written by apps/projector');
      return;
    }
    void this.engine.failed.then((error) =>
      this.logger.error(`projection engine stopped: ${error.stack ?? error.message}`),
    );
    await this.engine.start();
  }

  /** Runs before any onApplicationShutdown hook, so before the event and read stores close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.engine?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
  }
}
