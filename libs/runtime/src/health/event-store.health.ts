import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { messageOf, type ComponentHealth } from './health-report';

@Injectable()
export class EventStoreHealthIndicator {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Unreachable is `degraded`, not `down`: the store is away, this process is fine. */
  async check(): Promise<ComponentHealth> {
    try {
      await this.store.ping();
      return { status: 'up', headPosition: await this.store.headPosition() };
    } catch (error) {
      return { status: 'degraded', message: `event store unreachable: ${messageOf(error)}` };
    }
  }
}
