import { join } from 'node:path';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandExecutor } from '@ledger/command-path';
import {
  EVENT_STORE,
  KurrentDbEventStore,
  SqliteEventStore,
  type EventStore,
} from '@ledger/event-store';
import type { Environment } from '../config/environment';

/** The event log adapter chosen by EVENT_STORE, and the command executor built on it. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ConfigService],
      useFactory: async (config: ConfigService<Environment, true>): Promise<EventStore> => {
        if (config.get('EVENT_STORE', { infer: true }) === 'kurrentdb') {
          return KurrentDbEventStore.connect(config.get('KURRENTDB_URL', { infer: true }) ?? '');
        }
        return SqliteEventStore.open({
          path: join(config.get('DATA_DIR', { infer: true }), 'events.sqlite'),
        });
      },
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
