import {
  Global,
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { ProjectionEngine, READ_MODELS } from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { ReadModelRebuilds } from './read-model-rebuilds.service';
import { ReadModelsAdminController } from './read-models-admin.controller';

/**
 * The writer of the read models: the projection engine over every read model (READ_MODELS),
 * started at application bootstrap and stopped before the stores close, plus the rebuild
 * routes. The api imports it in embedded mode (PROJECTOR=in-process); apps/projector always.
 */
@Global()
@Module({
  controllers: [ReadModelsAdminController],
  providers: [
    {
      provide: ProjectionEngine,
      inject: [EVENT_STORE, READ_STORE],
      useFactory: (eventStore: EventStore, readStore: ReadStore) =>
        new ProjectionEngine({ eventStore, readStore, projections: READ_MODELS }),
    },
    ReadModelRebuilds,
  ],
  exports: [ProjectionEngine],
})
export class ProjectorModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');

  constructor(
    private readonly engine: ProjectionEngine,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    void this.engine.failed.then((error) =>
      this.logger.error(`projection engine stopped: ${error.stack ?? error.message}`),
    );
    await this.engine.start();
    this.logger.log(`projecting ${this.engine.readModels().join(', ')}`);
  }

  /** Runs before any onApplicationShutdown hook, so before the event and read stores close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }
}
