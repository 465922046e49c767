import { Inject, Injectable, Optional } from '@nestjs/common';
import { DurableReactor } from '@ledger/command-path';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { READ_PROGRESS, type ReadProgress } from '../read-store/read-progress';
import { messageOf, type ComponentHealth } from './health-report';

/**
 * The read store answers and, with the in-process engine, the engine runs (state, positions).
 * With PROJECTOR=external the projector reports its own health; here it shows as `external`.
 * A store that does not answer, an engine or reactor waiting out an outage: `degraded`, with the
 * reason. An engine or reactor that stopped on an event it cannot handle: `down`.
 */
@Injectable()
export class ReadStoreHealthIndicator {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(READ_PROGRESS) private readonly progress: ReadProgress,
    /** Present in the process that writes (ProjectorModule): its failure is this one's. */
    @Optional() private readonly reactor?: DurableReactor,
  ) {}

  async check(): Promise<ComponentHealth> {
    const { state, positions, error, degraded } = this.progress.describe();
    const reactorDegraded = this.reactor?.degraded;
    const details = {
      projector: state,
      ...(positions ? { positions } : {}),
      ...(degraded ? { projectorDegraded: degraded } : {}),
      ...(this.reactor
        ? {
            reactor: {
              checkpoint: this.reactor.checkpoint,
              ...(reactorDegraded ? { degraded: reactorDegraded } : {}),
            },
          }
        : {}),
    };
    if (state === 'failed') {
      return { status: 'down', ...details, message: `projection stopped: ${error ?? 'failed'}` };
    }
    if (this.reactor?.error) {
      return {
        status: 'down',
        ...details,
        message: `reactor stopped: ${this.reactor.error.message}`,
      };
    }
    try {
      await this.store.ping();
    } catch (cause) {
      return {
        status: 'degraded',
        ...details,
        message: `read store unreachable: ${messageOf(cause)}`,
      };
    }
    if (degraded) {
      return { status: 'degraded', ...details, message: `projector resuming: ${degraded.reason}` };
    }
    if (reactorDegraded) {
      return {
        status: 'degraded',
        ...details,
        message: `reactor resuming: ${reactorDegraded.reason}`,
      };
    }
    return { status: 'up', ...details };
  }
}
