import { Inject, Injectable, Optional } from '@nestjs/common';
import { DurableReactor } from '@ledger/command-path';
import { HealthIndicatorService } from '@nestjs/terminus';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { READ_PROGRESS, type ReadProgress } from '../read-side/read-progress';

/**
 * The read store answers and, with the in-process engine, the engine runs (state, positions).
 * With PROJECTOR=external the projector reports its own health; here it shows as `external`.
 */
@Injectable()
export class ReadStoreHealthIndicator {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(READ_PROGRESS) private readonly progress: ReadProgress,
    private readonly indicator: HealthIndicatorService,
    /** Present in the process that writes (ProjectorModule): its failure is this one's. */
    @Optional() private readonly reactor?: DurableReactor,
  ) {}

  async check(key = 'readStore') {
    const check = this.indicator.check(key);
    try {
      await this.store.ping();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
    const { state, positions, error } = this.progress.describe();
    const details = {
      projector: state,
      ...(positions ? { positions } : {}),
      ...(this.reactor ? { reactor: { checkpoint: this.reactor.checkpoint } } : {}),
    };
    if (state === 'failed') return check.down({ ...details, message: error ?? 'failed' });
    if (this.reactor?.error) {
      return check.down({ ...details, message: `reactor stopped: ${this.reactor.error.message}` });
    }
    return check.up(details);
  }
}
