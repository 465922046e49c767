import {
  Global,
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LogCheckpointer, type CheckpointerRetry, type TileBackfillResult } from '@ledger/audit';
import { CommandExecutor, DurableReactor } from '@ledger/command-path';
import {
  CHECKPOINT_STORE,
  EVENT_STORE,
  type CheckpointStore,
  type EventStore,
} from '@ledger/event-store';
import { ProjectionEngine, READ_MODELS } from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { REACTIONS } from '@ledger/command-path';
import {
  WEBHOOK_DISPATCHER_ACTOR,
  webhookSubscriptionAggregate,
  webhookSubscriptionStreamId,
} from '@ledger/domain';
import { KurrentDbPublicEventsWriter } from '../public-events/kurrentdb-public-events-writer';
import { publicEventsWriterFor } from '../public-events/public-events-writer-for';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import { WebhookSecrets } from '../webhooks/webhook-secrets';
import type { WebhookSecretKey } from '../webhooks/webhook-secret-key';
import { WEBHOOK_SECRET_KEY, WebhookSecretKeyModule } from '../webhooks/webhook-secret-key.module';
import { WebhookSender } from '../webhooks/webhook-sender';
import { resolveLedgerSigningKey } from '../audit/ledger-signing-key';
import { LogCheckpointerThread } from '../audit/log-checkpointer-thread';
import { LOG_CHECKPOINTER, type RunningLogCheckpointer } from '../audit/running-log-checkpointer';
import { sqliteLogPath } from '../event-store/open-event-store';
import type { Environment } from '../config/environment';
import { ReadModelRebuilds } from './read-model-rebuilds.service';
import { ReadModelsAdminController } from './read-models-admin.controller';

/**
 * The process that follows the log and writes: the projection engine over every read model
 * (READ_MODELS), the durable reactor (re-drives follow-ups a crash left undone) and the log
 * checkpointer (signs the Merkle tree every CHECKPOINT_EVERY_EVENTS / _SECONDS; in a worker
 * thread on the embedded default), the webhook dispatcher and, on KurrentDB, the `public-events`
 * writer, started at application bootstrap and stopped before the stores close, plus the rebuild
 * routes. The api imports it in embedded mode (PROJECTOR=in-process); apps/projector always.
 */
@Global()
@Module({
  imports: [WebhookSecretKeyModule],
  controllers: [ReadModelsAdminController],
  providers: [
    {
      provide: ProjectionEngine,
      inject: [EVENT_STORE, READ_STORE],
      useFactory: (eventStore: EventStore, readStore: ReadStore) => {
        const logger = new Logger('Projector');
        return new ProjectionEngine({
          eventStore,
          readStore,
          projections: READ_MODELS,
          // A store away (restart, failover, blip): waited out, resumed from the checkpoints.
          onRetry: ({ reason, attempts, retryInMs }) =>
            logger.warn(`projection engine waits ${retryInMs} ms (attempt ${attempts}): ${reason}`),
        });
      },
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
          onRetry: ({ reason, attempts, retryInMs }) =>
            logger.warn(`reactor waits ${retryInMs} ms (attempt ${attempts}): ${reason}`),
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
    {
      // The log's notary (P10), off the command path: null where no checkpoint store exists.
      provide: LOG_CHECKPOINTER,
      inject: [EVENT_STORE, CHECKPOINT_STORE, ConfigService],
      useFactory: (
        eventStore: EventStore,
        checkpoints: CheckpointStore | null,
        config: ConfigService<Environment, true>,
      ): RunningLogCheckpointer | null => {
        const logger = new Logger('Checkpointer');
        if (!checkpoints) {
          logger.warn('no checkpoint store for this event store: the log is not checkpointed');
          return null;
        }
        const signing = resolveLedgerSigningKey(
          config.get('DATA_DIR', { infer: true }),
          config.get('LEDGER_SIGNING_KEY', { infer: true }),
        );
        logger.log(
          `signing checkpoints with the key from ${signing.path ?? signing.source} (${signing.source})`,
        );
        const schedule = {
          signingKey: signing.key,
          everyEvents: config.get('CHECKPOINT_EVERY_EVENTS', { infer: true }),
          everySeconds: config.get('CHECKPOINT_EVERY_SECONDS', { infer: true }),
          onRetry: ({ reason, attempts, retryInMs }: CheckpointerRetry) =>
            logger.warn(`checkpointer waits ${retryInMs} ms (attempt ${attempts}): ${reason}`),
          onTileBackfill: (result: TileBackfillResult) => {
            if ('error' in result)
              logger.warn(`tree tiles not filled in (exports hash those blocks): ${result.error}`);
            else if (result.stored > 0)
              logger.log(`filled in ${result.stored} missing tree tiles of signed blocks`);
          },
        };
        // On the embedded default this process also serves the commands: the writer gets a
        // thread of its own there, so its reads, hashes and signatures stay off their event loop.
        // On KurrentDB it runs in apps/projector, which serves no commands.
        if (config.get('EVENT_STORE', { infer: true }) === 'sqlite')
          return new LogCheckpointerThread({
            path: sqliteLogPath({ DATA_DIR: config.get('DATA_DIR', { infer: true }) }),
            ...schedule,
          });
        return new LogCheckpointer({ eventStore, checkpoints, ...schedule });
      },
    },
    {
      // Webhook deliveries (issue 11 §3): off the command path, beside the engine and reactor.
      provide: WebhookDispatcher,
      inject: [EVENT_STORE, READ_STORE, CommandExecutor, ConfigService, WEBHOOK_SECRET_KEY],
      useFactory: (
        eventStore: EventStore,
        readStore: ReadStore,
        executor: CommandExecutor,
        config: ConfigService<Environment, true>,
        secretKey: WebhookSecretKey,
      ) => {
        const logger = new Logger('Webhooks');
        logger.log(
          `webhook secrets sealed with the key from ${secretKey.path ?? secretKey.source} (${secretKey.source})`,
        );
        return new WebhookDispatcher({
          eventStore,
          readStore,
          secrets: new WebhookSecrets(readStore, secretKey.key),
          sender: new WebhookSender({
            timeoutMs: config.get('WEBHOOK_TIMEOUT_MS', { infer: true }),
            allowPrivateAddresses: config.get('WEBHOOK_ALLOW_LOOPBACK', { infer: true }) === 'true',
          }),
          maxConsecutiveFailures: config.get('WEBHOOK_MAX_CONSECUTIVE_FAILURES', { infer: true }),
          pauseFailing: async (subscriptionId, consecutiveFailures) => {
            logger.warn(
              `pausing webhook ${subscriptionId}: ${consecutiveFailures} failures in a row`,
            );
            await executor.execute(
              webhookSubscriptionAggregate,
              webhookSubscriptionStreamId(subscriptionId),
              (meta) => ({
                type: 'PauseFailingWebhookSubscription' as const,
                data: { consecutiveFailures },
                meta,
              }),
              {
                actor: WEBHOOK_DISPATCHER_ACTOR,
                correlationId: `webhook-pause-${subscriptionId}`,
                commandId: `webhook-pause-${subscriptionId}-${Date.now()}`,
              },
            );
          },
          onError: (subscriptionId, error) =>
            logger.warn(`webhook ${subscriptionId} waits: ${error.message}`),
        });
      },
    },
    {
      // The public contract on KurrentDB's `public-events` stream (issue 11 §4): only there.
      provide: KurrentDbPublicEventsWriter,
      inject: [EVENT_STORE, READ_STORE, ConfigService],
      useFactory: (
        eventStore: EventStore,
        readStore: ReadStore,
        config: ConfigService<Environment, true>,
      ): KurrentDbPublicEventsWriter | null => {
        const logger = new Logger('PublicEvents');
        return publicEventsWriterFor(
          {
            EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
            KURRENTDB_URL: config.get('KURRENTDB_URL', { infer: true }),
          },
          { eventStore, readStore },
          {
            onRetry: ({ reason, attempts, retryInMs }) =>
              logger.warn(
                `public-events writer waits ${retryInMs} ms (attempt ${attempts}): ${reason}`,
              ),
            // Not an outage (access denied, stream deleted, data refused): /health shows it down.
            onFailure: (error) =>
              logger.error(`public-events writer stopped, an operator must act: ${error.message}`),
          },
        );
      },
    },
    ReadModelRebuilds,
  ],
  exports: [
    ProjectionEngine,
    DurableReactor,
    LOG_CHECKPOINTER,
    WebhookDispatcher,
    KurrentDbPublicEventsWriter,
  ],
})
export class ProjectorModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');

  constructor(
    private readonly engine: ProjectionEngine,
    private readonly reactor: DurableReactor,
    @Inject(LOG_CHECKPOINTER) private readonly checkpointer: RunningLogCheckpointer | null,
    private readonly webhooks: WebhookDispatcher,
    @Inject(KurrentDbPublicEventsWriter)
    private readonly publicEvents: KurrentDbPublicEventsWriter | null,
  ) {}

  /**
   * Only a projection's or a reaction's own failure (a bug, a poison event) stops them; store
   * outages are waited out inside. The stop shows on /health (`down`); apps/projector also
   * exits non-zero on it (stop-on-failure.ts) so its supervisor restarts it.
   */
  async onApplicationBootstrap(): Promise<void> {
    void this.engine.failed.then((error) =>
      this.logger.error(`projection engine stopped: ${error.stack ?? error.message}`),
    );
    void this.reactor.failed.then((error) =>
      this.logger.error(`reactor stopped: ${error.stack ?? error.message}`),
    );
    void this.checkpointer?.failed.then((error) =>
      this.logger.error(`checkpointer stopped: ${error.message}`),
    );
    await this.engine.start();
    await this.reactor.start();
    // A writer that cannot start (a tampered frontier) is logged and shown on /health (down,
    // 503): the api still serves, so an auditor can verify the log through it.
    await this.checkpointer?.start().catch(() => undefined);
    this.webhooks.start();
    this.publicEvents?.start();
    this.logger.log(`projecting ${this.engine.readModels().join(', ')}; re-driving reactions`);
  }

  /** Runs before any onApplicationShutdown hook, so before the event and read stores close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([
      this.reactor.stop(),
      this.engine.stop(),
      this.checkpointer?.stop(),
      this.webhooks.stop(),
      this.publicEvents?.close(),
    ]);
  }
}
