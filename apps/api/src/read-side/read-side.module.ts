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
import {
  cssqHistoryProjection,
  ProjectionEngine,
  projectSummaryProjection,
} from '@ledger/projections';
import { MongoReadStore, READ_STORE, SqliteReadStore, type ReadStore } from '@ledger/read-store';
import type { Environment } from '../config/environment';
import { CssqHistoryController } from './cssq-history.controller';
import { ProjectSummariesController } from './project-summaries.controller';
import { ReadPositions } from './read-positions.service';

/** The database of MONGODB_URI's path (`mongodb://host/db`), or `delivery_ledger`. */
export function mongoDatabaseOf(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : 'delivery_ledger';
}

/**
 * The read side inside `api`: the read store chosen by READ_STORE (embedded SQLite at
 * DATA_DIR/read.sqlite by default, MongoDB with MONGODB_URI) and the projection engine, run
 * in-process from application bootstrap until shutdown (stopped before the stores close).
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
      provide: ProjectionEngine,
      inject: [EVENT_STORE, READ_STORE],
      useFactory: (eventStore: EventStore, readStore: ReadStore) =>
        new ProjectionEngine({
          eventStore,
          readStore,
          projections: [projectSummaryProjection, cssqHistoryProjection],
        }),
    },
    ReadPositions,
  ],
  exports: [READ_STORE, ProjectionEngine, ReadPositions],
})
export class ReadSideModule
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('ReadSide');

  constructor(
    private readonly engine: ProjectionEngine,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    void this.engine.failed.then((error) =>
      this.logger.error(`projection engine stopped: ${error.stack ?? error.message}`),
    );
    await this.engine.start();
  }

  /** Runs before any onApplicationShutdown hook, so before the event and read stores close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
  }
}
