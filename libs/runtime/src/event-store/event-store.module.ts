import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandExecutor } from '@ledger/command-path';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { Environment } from '../config/environment';
import { openEventStore } from './open-event-store';

/** The event log adapter chosen by EVENT_STORE, and the command executor built on it. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): Promise<EventStore> =>
        openEventStore({
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
        }),
    },
  ],
  exports: [EVENT_STORE, CommandExecutor],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
