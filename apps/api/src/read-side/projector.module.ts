import {
  Global,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CommandExecutor, DurableReactor } from '@ledger/command-path';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { ProjectionEngine, READ_MODELS } from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { REACTIONS } from '../commands/reactions';
import { ReadModelRebuilds } from './read-model-rebuilds.service';
import { ReadModelsAdminController } from './read-models-admin.controller';

/**
 * The process that follows the log and writes: the projection engine over every read model
 * (READ_MODELS) and the durable reactor (re-drives follow-ups a crash left undone), started at
 * application bootstrap and stopped before the stores close, plus the rebuild routes. The api
 * imports it in embedded mode (PROJECTOR=in-process); apps/projector always.
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
    {
      provide: DurableReactor,
      inject: [EVENT_STORE, CommandExecutor, READ_STORE],
      useFactory: (eventStore: EventStore, executor: CommandExecutor, readStore: ReadStore) => {
        const logger = new Logger('Reactor');
        return new DurableReactor({
          eventStore,
          executor,
          reactions: REACTIONS,
          checkpoints: readStore,
          onFollowUp: (event, result) => {
            if ('error' in result) {
              logger.warn(
                `${result.reaction} for ${event.type} at ${event.position} on ${result.streamId} ` +
                  `was refused: ${result.error.code} (${result.error.message})`,
              );
            }
          },
        });
      },
    },
    ReadModelRebuilds,
  ],
  exports: [ProjectionEngine, DurableReactor],
})
export class ProjectorModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');

  constructor(
    private readonly engine: ProjectionEngine,
    private readonly reactor: DurableReactor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    void this.engine.failed.then((error) =>
      this.logger.error(`projection engine stopped: ${error.stack ?? error.message}`),
    );
    void this.reactor.failed.then((error) =>
      this.logger.error(`reactor stopped: ${error.stack ?? error.message}`),
    );
    await this.engine.start();
    await this.reactor.start();
    this.logger.log(`projecting ${this.engine.readModels().join(', ')}; re-driving reactions`);
  }

  /** Runs before any onApplicationShutdown hook, so before the event and read stores close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.reactor.stop(), this.engine.stop()]);
  }
}
